/// A gitignore-style glob: `*` and `?` stay within one path segment, `[...]`
/// classes (with `!`/`^` negation and ranges), `**` spans segments, a leading
/// `/` or an inner `/` anchors the pattern to its base, a trailing `/` matches
/// directories only. Matching works on UTF-8 bytes of `/`-separated paths.
public struct GlobPattern: Sendable, Hashable {
    public let source: String
    public let isNegated: Bool
    public let directoryOnly: Bool
    /// Anchored patterns match from the base; others match any trailing run of segments.
    public let isAnchored: Bool
    private let segments: [[UInt8]]

    /// Parses a pattern. With `allowNegation` a leading `!` negates (gitignore); `\!` and `\#` escape.
    public init?(_ text: String, allowNegation: Bool = false) {
        var bytes = Array(text.utf8)
        // Trailing unescaped spaces are ignored, as git does.
        while let last = bytes.last, last == UInt8(ascii: " "), !(bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "\\")) {
            bytes.removeLast()
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        var negated = false
        if allowNegation, bytes.first == UInt8(ascii: "!") {
            negated = true
            bytes.removeFirst()
        } else if bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "!") || bytes[1] == UInt8(ascii: "#") {
            bytes.removeFirst()
        }
        var dirOnly = false
        while bytes.last == UInt8(ascii: "/") {
            dirOnly = true
            bytes.removeLast()
        }
        guard !bytes.isEmpty else { return nil }
        var anchored = false
        if bytes.first == UInt8(ascii: "/") {
            anchored = true
            while bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
        }
        if bytes.contains(UInt8(ascii: "/")) { anchored = true }
        if bytes.starts(with: Array("./".utf8)) { bytes.removeFirst(2) }
        self.source = text
        self.isNegated = negated
        self.directoryOnly = dirOnly
        self.isAnchored = anchored
        self.segments = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
    }

    /// Matches a `/`-separated path relative to the pattern's base.
    public func matches(_ relativePath: String, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        return matches(components: Self.components(of: Array(relativePath.utf8))[...], isDirectory: isDirectory)
    }

    /// Matches a path already split into components (split once, matched against many patterns).
    public func matches(components parts: ArraySlice<ArraySlice<UInt8>>, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        if isAnchored { return Self.match(segments[...], parts) }
        // Unanchored: the single segment matches any path component at the end.
        guard let only = segments.first, segments.count == 1 else { return Self.match(segments[...], parts) }
        guard let last = parts.last else { return false }
        return Self.matchSegment(only[...], last)
    }

    /// Splits a `/`-separated path into components without copying its bytes.
    public static func components(of path: [UInt8]) -> [ArraySlice<UInt8>] {
        path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
    }

    private static let doubleStar: [UInt8] = [UInt8(ascii: "*"), UInt8(ascii: "*")]

    /// Segment patterns against path components, `**` spanning any number of them.
    /// Dynamic programming over (pattern segment, path component), one row at a time:
    /// time is the product of the two counts, never exponential in the `**`s
    /// (`**/a/**/a/**/…` against a deep path), and nothing recurses.
    private static func match(_ pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        let segments = Array(pattern)
        let parts = Array(path)
        let n = parts.count
        // next[t]: the segments after the current one match parts[t...].
        var next = [Bool](repeating: false, count: n + 1)
        next[n] = true
        var row = [Bool](repeating: false, count: n + 1)
        for (index, segment) in segments.enumerated().reversed() {
            if segment == doubleStar {
                if index == segments.count - 1 {
                    // A trailing `**` matches whatever is left, nothing included.
                    for t in 0 ... n { row[t] = true }
                } else {
                    var any = false
                    for t in stride(from: n, through: 0, by: -1) {
                        any = any || next[t]
                        row[t] = any
                    }
                }
            } else {
                row[n] = false
                for t in 0 ..< n { row[t] = next[t + 1] && matchSegment(segment[...], parts[t]) }
            }
            swap(&row, &next)
        }
        return next[0]
    }

    /// The name an unanchored one-segment pattern without wildcards matches (`build`, `.env`): a path's last component equal to it.
    public var literalName: [UInt8]? {
        guard !isAnchored, segments.count == 1, let only = segments.first, !only.contains(where: Self.isSpecial) else { return nil }
        return only
    }

    /// The ending an unanchored `*ENDING` pattern matches (`*.pyc`): a path's last component ending with it.
    public var starSuffix: [UInt8]? {
        guard !isAnchored, segments.count == 1, let only = segments.first, only.first == UInt8(ascii: "*") else { return nil }
        let rest = only.dropFirst()
        guard !rest.contains(where: Self.isSpecial) else { return nil }
        return Array(rest)
    }

    /// The literal ending every name an unanchored one-segment pattern matches must have
    /// (`ckpt_*.tmp` needs `.tmp`): the bytes after its last `*` or `?`, when they hold
    /// no wildcard, class or escape. Nil when the pattern has no such ending.
    public var requiredEnding: [UInt8]? {
        guard let only = unanchoredSegment else { return nil }
        guard let cut = only.lastIndex(where: Self.isWildcardOrClass), cut < only.count - 1,
              only[cut] == UInt8(ascii: "*") || only[cut] == UInt8(ascii: "?") else { return nil }
        return Array(only[(cut + 1)...])
    }

    /// The literal start every name an unanchored one-segment pattern matches must have
    /// (`cache*` needs `cache`), on the same terms as `requiredEnding`.
    public var requiredStart: [UInt8]? {
        guard let only = unanchoredSegment else { return nil }
        guard let cut = only.firstIndex(where: Self.isWildcardOrClass), cut > 0,
              only[cut] == UInt8(ascii: "*") || only[cut] == UInt8(ascii: "?") else { return nil }
        return Array(only[..<cut])
    }

    private var unanchoredSegment: [UInt8]? {
        guard !isAnchored, segments.count == 1 else { return nil }
        return segments.first
    }

    private static func isWildcardOrClass(_ byte: UInt8) -> Bool {
        isSpecial(byte) || byte == UInt8(ascii: "]")
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\\")
    }

    /// fnmatch on one segment: `*`, `?`, `[...]`, `\x` escapes.
    static func matchSegment(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        var starP = -1
        var starT = -1
        while t < text.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    starP = p
                    starT = t
                    p += 1
                    continue
                }
                if c == UInt8(ascii: "?") {
                    p += 1
                    t += 1
                    continue
                }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(pattern, p, text[t]) {
                    if matched {
                        p = next
                        t += 1
                        continue
                    }
                } else {
                    var literal = c
                    var next = p + 1
                    if c == UInt8(ascii: "\\"), next < pattern.endIndex {
                        literal = pattern[next]
                        next += 1
                    }
                    if literal == text[t] {
                        p = next
                        t += 1
                        continue
                    }
                }
            }
            if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
                continue
            }
            return false
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// Returns whether `byte` is in the class starting at `start`, and the index after the class;
    /// nil when the class is unterminated (then `[` is literal).
    private static func matchClass(_ pattern: ArraySlice<UInt8>, _ start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.endIndex, pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            let c = pattern[i]
            if c == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < pattern.endIndex, pattern[i + 1] == UInt8(ascii: "-"), pattern[i + 2] != UInt8(ascii: "]") {
                if byte >= c && byte <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if c == byte { matched = true }
                i += 1
            }
        }
        return nil
    }
}
