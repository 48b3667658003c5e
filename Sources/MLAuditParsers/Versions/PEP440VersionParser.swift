/// Parses PEP 440 version text on its UTF-8 bytes, applying the spec's
/// normalisation rules as it goes (the grammar of PEP 440's appendix, read greedily).
struct PEP440VersionParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i: Int
    let end: Int

    static func parse(_ utf8: some Collection<UInt8>) -> PEP440Version? {
        utf8.withContiguousBytes { parse($0, from: 0, to: $0.count) }
    }

    /// Parses `bytes[from..<to]`, ignoring surrounding whitespace.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> PEP440Version? {
        var start = from, end = to
        while start < end, ASCIIByte.isWhitespace(bytes[start]) { start += 1 }
        while end > start, ASCIIByte.isWhitespace(bytes[end - 1]) { end -= 1 }
        var parser = PEP440VersionParser(bytes: bytes, i: start, end: end)
        return parser.version()
    }

    mutating func version() -> PEP440Version? {
        if i < end, bytes[i] | 0x20 == 0x76 { i += 1 }  // v
        guard var first = number() else { return nil }
        var epoch = 0
        if i < end, bytes[i] == 0x21 {  // !
            i += 1
            epoch = first
            guard let n = number() else { return nil }
            first = n
        }
        var release: [Int] = []
        release.reserveCapacity(4)
        release.append(first)
        while i + 1 < end, bytes[i] == 0x2E, ASCIIByte.isDigit(bytes[i + 1]) {
            i += 1
            guard let n = number() else { return nil }
            release.append(n)
        }
        var result = PEP440Version(epoch: epoch, release: release)
        guard let pre = preRelease(), let post = postRelease(), let dev = devRelease() else { return nil }
        result.pre = pre.value
        result.post = post.value
        result.dev = dev.value
        if i < end, bytes[i] == 0x2B {  // +
            i += 1
            guard let local = localLabel() else { return nil }
            result.local = local
        }
        return i == end ? result : nil
    }

    /// Digits as an Int; nil when there are none or they overflow.
    mutating func number() -> Int? {
        let start = i
        var value = 0
        while i < end, ASCIIByte.isDigit(bytes[i]) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(bytes[i] - 0x30))
            if o1 || o2 { return nil }
            value = sum
            i += 1
        }
        return i > start ? value : nil
    }

    /// `[-_.]? label [-_.]? N?` for the first label that matches, longest spelling
    /// first. The outer optional is nil on overflow; the inner one when the part is absent.
    mutating func labelledPart<Label>(_ labels: [(String, Label)]) -> (label: Label, number: Int)?? {
        let saved = i
        if i < end, ASCIIByte.isSeparator(bytes[i]) { i += 1 }
        guard let label = matchLabel(labels) else {
            i = saved
            return .some(nil)
        }
        if i < end, ASCIIByte.isSeparator(bytes[i]) { i += 1 }
        if i < end, ASCIIByte.isDigit(bytes[i]) {
            guard let n = number() else { return nil }
            return .some((label, n))
        }
        return .some((label, 0))
    }

    mutating func matchLabel<Label>(_ labels: [(String, Label)]) -> Label? {
        for (spelling, label) in labels {
            let utf8 = spelling.utf8
            guard end - i >= utf8.count else { continue }
            var matched = true
            var k = i
            for expected in utf8 {
                if ASCIIByte.lowercased(bytes[k]) != expected { matched = false; break }
                k += 1
            }
            if matched {
                i = k
                return label
            }
        }
        return nil
    }

    static let preLabels: [(String, PEP440Version.PreRelease.Kind)] = [
        ("preview", .rc), ("alpha", .alpha), ("beta", .beta), ("pre", .rc), ("rc", .rc),
        ("a", .alpha), ("b", .beta), ("c", .rc),
    ]
    static let postLabels: [(String, Void)] = [("post", ()), ("rev", ()), ("r", ())]
    static let devLabels: [(String, Void)] = [("dev", ())]

    /// Wrapped so that "absent" (nil value) differs from "invalid" (nil wrapper).
    struct Part<T> { var value: T? }

    mutating func preRelease() -> Part<PEP440Version.PreRelease>? {
        guard let part = labelledPart(Self.preLabels) else { return nil }
        return Part(value: part.map { PEP440Version.PreRelease(kind: $0.label, number: $0.number) })
    }

    mutating func postRelease() -> Part<Int>? {
        // The implicit form `1.0-1` is a post release.
        if i + 1 < end, bytes[i] == 0x2D, ASCIIByte.isDigit(bytes[i + 1]) {
            i += 1
            guard let n = number() else { return nil }
            return Part(value: n)
        }
        guard let part = labelledPart(Self.postLabels) else { return nil }
        return Part(value: part?.number)
    }

    mutating func devRelease() -> Part<Int>? {
        guard let part = labelledPart(Self.devLabels) else { return nil }
        return Part(value: part?.number)
    }

    /// `[a-z0-9]+([-_.][a-z0-9]+)*`, separators normalised to `.`.
    mutating func localLabel() -> [PEP440Version.LocalSegment]? {
        var segments: [PEP440Version.LocalSegment] = []
        while true {
            let start = i
            var allDigits = true
            while i < end, ASCIIByte.isAlphanumeric(bytes[i]) {
                if !ASCIIByte.isDigit(bytes[i]) { allDigits = false }
                i += 1
            }
            guard i > start else { return nil }
            if allDigits {
                var cursor = PEP440VersionParser(bytes: bytes, i: start, end: i)
                guard let n = cursor.number() else { return nil }
                segments.append(.number(n))
            } else {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]).lazy.map(ASCIIByte.lowercased),
                                  as: UTF8.self)
                segments.append(.text(text))
            }
            guard i < end, ASCIIByte.isSeparator(bytes[i]) else { return segments }
            i += 1
        }
    }
}
