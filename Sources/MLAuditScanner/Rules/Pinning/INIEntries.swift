/// The key/value entries of an INI file (setup.cfg, pip.conf) as Python's
/// configparser reads them: `[section]` headers, `key = value` or `key: value`,
/// indented continuation lines, full-line `#`/`;` comments. Positions are kept.
struct INIEntry {
    struct Part {
        var text: String
        var line: Int
        var column: Int
    }

    var section: String
    var key: String
    var line: Int
    var column: Int
    /// The value on the key's line (if non-empty) followed by each continuation line,
    /// trimmed, comments and blank lines left out.
    var parts: [Part]
}

enum INIEntries {
    static func parse(_ file: FileContext) -> [INIEntry] {
        var entries: [INIEntry] = []
        var section = ""
        var current: INIEntry?
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        for line in 1...max(1, file.lineCount) {
            let bytes = file.lineBytes(line)
            var i = bytes.startIndex
            while i < bytes.endIndex, isBlank(bytes[i]) { i += 1 }
            var end = bytes.endIndex
            while end > i, isBlank(bytes[end - 1]) { end -= 1 }
            if i == end { continue }
            let first = bytes[i]
            if first == 0x23 || first == 0x3B { continue }
            let indented = i > bytes.startIndex
            if indented, current != nil {
                current!.parts.append(INIEntry.Part(text: String(decoding: bytes[i..<end], as: UTF8.self),
                                                    line: line, column: file.column(line: line, byteOffset: i)))
                continue
            }
            if let entry = current { entries.append(entry) }
            current = nil
            if first == 0x5B, let close = bytes[i..<end].lastIndex(of: 0x5D) {
                section = String(decoding: bytes[(i + 1)..<close], as: UTF8.self).trimmingINIBlanks()
                continue
            }
            guard let sep = bytes[i..<end].firstIndex(where: { $0 == 0x3D || $0 == 0x3A }) else { continue }
            var keyEnd = sep
            while keyEnd > i, isBlank(bytes[keyEnd - 1]) { keyEnd -= 1 }
            var entry = INIEntry(section: section, key: String(decoding: bytes[i..<keyEnd], as: UTF8.self),
                                 line: line, column: file.column(line: line, byteOffset: i), parts: [])
            var v = sep + 1
            while v < end, isBlank(bytes[v]) { v += 1 }
            if v < end {
                entry.parts.append(INIEntry.Part(text: String(decoding: bytes[v..<end], as: UTF8.self),
                                                 line: line, column: file.column(line: line, byteOffset: v)))
            }
            current = entry
        }
        if let entry = current { entries.append(entry) }
        return entries
    }
}

extension String {
    func trimmingINIBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
