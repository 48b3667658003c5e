import MLAuditCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Inline suppressions of one file: `# mlaudit: ignore[ID,…]` on the line or alone on
/// the line above, `# mlaudit: ignore` for every rule, `# mlaudit: ignore-file[ID,…]` anywhere.
/// The same comment syntax works in every format mlaudit reads, including notebook cells.
struct Suppressions {
    /// nil set = every rule.
    private var lines: [Int: Set<String>?] = [:]
    /// Lines that hold only a comment (so their suppression also covers the next line).
    private var standalone: Set<Int> = []
    private var fileWide: Set<String>? = []
    private(set) var isEmpty = true

    init(bytes: [UInt8]) {
        let marker = Array("mlaudit:".utf8)
        // Most files hold no marker: memchr jumps from one `m` to the next instead of a
        // loop over every byte, and lines are counted only up to each marker found.
        let found: [Int] = bytes.withUnsafeBytes { raw in
            marker.withUnsafeBytes { needle in
                guard let base = raw.baseAddress, raw.count >= needle.count else { return [] }
                var offsets: [Int] = []
                var from = 0
                let last = raw.count - needle.count
                while from <= last, let hit = memchr(base + from, Int32(needle[0]), last - from + 1) {
                    let offset = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, needle.baseAddress!, needle.count) == 0 {
                        offsets.append(offset)
                        from = offset + needle.count
                    } else {
                        from = offset + 1
                    }
                }
                return offsets
            }
        }
        var line = 1
        var lineStart = 0
        var counted = 0
        for i in found {
            bytes.withUnsafeBufferPointer { buf in
                while counted < i {
                    if buf[counted] == 0x0A {
                        line += 1
                        lineStart = counted + 1
                    }
                    counted += 1
                }
            }
            if let hash = Self.commentStart(bytes, lineStart: lineStart, markerAt: i) {
                parse(bytes, from: i + marker.count, line: line)
                if Self.onlyBlank(bytes, lineStart..<hash) { standalone.insert(line) }
            }
        }
    }

    /// The `#` that opens the comment holding the marker: only spaces between them.
    private static func commentStart(_ bytes: [UInt8], lineStart: Int, markerAt: Int) -> Int? {
        var j = markerAt - 1
        while j >= lineStart, bytes[j] == 0x20 || bytes[j] == 0x09 { j -= 1 }
        return j >= lineStart && bytes[j] == UInt8(ascii: "#") ? j : nil
    }

    /// Blank, or blank plus the quote that opens a JSON string (a notebook source line).
    private static func onlyBlank(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        range.allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 || bytes[$0] == UInt8(ascii: "\"") }
    }

    private mutating func parse(_ bytes: [UInt8], from start: Int, line: Int) {
        var i = start
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        func word(_ text: String) -> Bool {
            let w = Array(text.utf8)
            guard i + w.count <= bytes.count, bytes[i..<(i + w.count)].elementsEqual(w) else { return false }
            let after = i + w.count
            return after == bytes.count || !(Self.isWordByte(bytes[after]) || bytes[after] == UInt8(ascii: "-"))
        }
        let isFile: Bool
        if word("ignore-file") {
            isFile = true
            i += "ignore-file".utf8.count
        } else if word("ignore") {
            isFile = false
            i += "ignore".utf8.count
        } else {
            return
        }
        var ids: Set<String>? = nil
        if i < bytes.count, bytes[i] == UInt8(ascii: "[") {
            var j = i + 1
            while j < bytes.count, bytes[j] != UInt8(ascii: "]"), bytes[j] != 0x0A { j += 1 }
            let inside = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
            ids = Set(inside.split(whereSeparator: { $0 == "," || $0 == " " }).map { $0.uppercased() })
        }
        isEmpty = false
        if isFile {
            if let ids, let current = fileWide { fileWide = current.union(ids) } else { fileWide = nil }
        } else {
            if let ids, let existing = lines[line], let current = existing { lines[line] = current.union(ids) } else if ids == nil {
                lines[line] = .some(nil)
            } else if lines[line] == nil {
                lines[line] = .some(ids)
            }
        }
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    func suppresses(_ ruleID: String, line: Int) -> Bool {
        if isEmpty { return false }
        if let fileWide {
            if fileWide.contains(where: { Configuration.selector($0, matches: ruleID) }) { return true }
        } else {
            return true
        }
        if covers(line, ruleID) { return true }
        return standalone.contains(line - 1) && covers(line - 1, ruleID)
    }

    private func covers(_ line: Int, _ ruleID: String) -> Bool {
        guard let entry = lines[line] else { return false }
        guard let ids = entry else { return true }
        return ids.contains { Configuration.selector($0, matches: ruleID) }
    }
}
