/// Finds where TOML tables, keys and string values sit in a file: TOMLKit gives
/// values without positions, so rules map a parsed value back to its line by
/// scanning the raw lines, tracking table headers, multi-line strings and
/// brackets that span lines.
final class TOMLLocator {
    struct Section {
        /// The header's dotted path (`["tool", "poetry", "dependencies"]`), empty for the root.
        var path: [String]
        var isArrayElement: Bool
        /// Line of the header (0 for the root section).
        var headerLine: Int
        /// First line after the section (exclusive).
        var endLine: Int
    }

    struct Place: Hashable {
        var line: Int
        var column: Int
    }

    let file: FileContext
    private(set) var sections: [Section] = []
    /// Lines that start at bracket depth 0 outside multi-line strings (where keys can start).
    private var keyLines: Set<Int> = []
    private var used: Set<Place> = []

    init(file: FileContext) {
        self.file = file
        scan()
    }

    private func scan() {
        var current = Section(path: [], isArrayElement: false, headerLine: 0, endLine: 0)
        var depth = 0
        var multiline: UInt8? = nil
        for line in 1...max(1, file.lineCount) {
            let bytes = file.lineBytes(line)
            if multiline == nil && depth == 0 {
                var i = bytes.startIndex
                while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
                if i < bytes.endIndex, bytes[i] == 0x5B, let header = Self.header(bytes[i...]) {
                    current.endLine = line
                    sections.append(current)
                    current = Section(path: header.path, isArrayElement: header.isArray, headerLine: line, endLine: 0)
                    continue
                }
                keyLines.insert(line)
            }
            Self.advance(bytes, depth: &depth, multiline: &multiline)
        }
        current.endLine = file.lineCount + 1
        sections.append(current)
    }

    /// Parses `[a.b."c"]` or `[[a.b]]`.
    static func header(_ bytes: ArraySlice<UInt8>) -> (path: [String], isArray: Bool)? {
        var i = bytes.startIndex + 1
        var isArray = false
        if i < bytes.endIndex, bytes[i] == 0x5B {
            isArray = true
            i += 1
        }
        var path: [String] = []
        var current: [UInt8] = []
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x22 || b == 0x27 {
                i += 1
                while i < bytes.endIndex, bytes[i] != b {
                    if b == 0x22, bytes[i] == 0x5C, i + 1 < bytes.endIndex { i += 1 }
                    current.append(bytes[i])
                    i += 1
                }
                i += 1
                continue
            }
            if b == 0x2E {
                path.append(String(decoding: current, as: UTF8.self))
                current = []
            } else if b == 0x5D {
                path.append(String(decoding: current, as: UTF8.self))
                if isArray, !(i + 1 < bytes.endIndex && bytes[i + 1] == 0x5D) { return nil }
                return (path, isArray)
            } else if b != 0x20 && b != 0x09 {
                current.append(b)
            }
            i += 1
        }
        return nil
    }

    /// Updates bracket depth and multi-line string state over one line.
    static func advance(_ bytes: ArraySlice<UInt8>, depth: inout Int, multiline: inout UInt8?) {
        var i = bytes.startIndex
        func triple(_ q: UInt8, at k: Int) -> Bool {
            k + 2 < bytes.endIndex && bytes[k] == q && bytes[k + 1] == q && bytes[k + 2] == q
        }
        while i < bytes.endIndex {
            if let q = multiline {
                if q == 0x22, bytes[i] == 0x5C { i += 2; continue }
                if triple(q, at: i) {
                    multiline = nil
                    i += 3
                    while i < bytes.endIndex, bytes[i] == q { i += 1 }
                } else {
                    i += 1
                }
                continue
            }
            let b = bytes[i]
            switch b {
            case 0x23:
                return
            case 0x22, 0x27:
                if triple(b, at: i) {
                    multiline = b
                    i += 3
                    continue
                }
                i += 1
                while i < bytes.endIndex, bytes[i] != b {
                    if b == 0x22, bytes[i] == 0x5C { i += 1 }
                    i += 1
                }
                i += 1
                continue
            case 0x5B, 0x7B:
                depth += 1
            case 0x5D, 0x7D:
                depth = max(0, depth - 1)
            default:
                break
            }
            i += 1
        }
    }

    // MARK: Queries

    func sections(_ path: [String]) -> [Section] {
        sections.filter { $0.path == path }
    }

    /// The `occurrence`-th (0-based) `[[path]]` section.
    func arrayElement(_ path: [String], occurrence: Int) -> Section? {
        let matches = sections.filter { $0.path == path && $0.isArrayElement }
        return occurrence < matches.count ? matches[occurrence] : nil
    }

    func lines(of section: Section) -> Range<Int> {
        let start = section.headerLine == 0 ? 1 : section.headerLine + 1
        return start..<max(start, section.endLine)
    }

    /// Where `key` (possibly dotted, e.g. `["extra-index-url"]`) is assigned in `section`.
    func key(_ key: [String], in section: Section) -> Place? {
        for line in lines(of: section) where keyLines.contains(line) {
            let bytes = file.lineBytes(line)
            guard let parsed = Self.keyPath(bytes), parsed.path.count >= key.count, Array(parsed.path.prefix(key.count)) == key else { continue }
            return Place(line: line, column: file.column(line: line, byteOffset: parsed.start))
        }
        return nil
    }

    /// Where `key` is assigned in any section whose path is `table`, else where a
    /// `[table.key]` header opens it, else where a dotted key in a parent table
    /// (`uv.extra-index-url = …` under `[tool]`) assigns it.
    func key(_ key: String, inTable table: [String]) -> Place? {
        for section in sections(table) {
            if let place = self.key([key], in: section) { return place }
        }
        if let header = sections(table + [key]).first {
            return Place(line: header.headerLine, column: 1)
        }
        let full = table + [key]
        for split in stride(from: table.count - 1, through: 0, by: -1) {
            for section in sections(Array(full.prefix(split))) {
                if let place = self.key(Array(full.dropFirst(split)), in: section) { return place }
            }
        }
        return nil
    }

    static func keyPath(_ bytes: ArraySlice<UInt8>) -> (path: [String], start: Int)? {
        var i = bytes.startIndex
        while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        let start = i
        var path: [String] = []
        while i < bytes.endIndex {
            var part: [UInt8] = []
            if bytes[i] == 0x22 || bytes[i] == 0x27 {
                let q = bytes[i]
                i += 1
                while i < bytes.endIndex, bytes[i] != q {
                    if q == 0x22, bytes[i] == 0x5C, i + 1 < bytes.endIndex { i += 1 }
                    part.append(bytes[i])
                    i += 1
                }
                guard i < bytes.endIndex else { return nil }
                i += 1
            } else {
                while i < bytes.endIndex, RequirementBytes.isBareKeyChar(bytes[i]) {
                    part.append(bytes[i])
                    i += 1
                }
                guard !part.isEmpty else { return nil }
            }
            path.append(String(decoding: part, as: UTF8.self))
            while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i < bytes.endIndex else { return nil }
            if bytes[i] == 0x3D { return (path, start) }
            guard bytes[i] == 0x2E else { return nil }
            i += 1
            while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        }
        return nil
    }

    /// The place of a string literal with this value (column of its first character,
    /// inside the quotes), searched in `sections` first and then in the whole file.
    /// Each place is handed out once, so equal strings map to successive occurrences.
    func string(_ value: String, preferring preferred: [Section] = []) -> Place? {
        for section in preferred {
            if let place = string(value, lines: lines(of: section)) { return place }
        }
        return string(value, lines: 1..<(file.lineCount + 1))
    }

    private func string(_ value: String, lines: Range<Int>) -> Place? {
        var needles: [[UInt8]] = [Array(value.utf8)]
        var escaped: [UInt8] = []
        for b in value.utf8 {
            if b == 0x22 || b == 0x5C { escaped.append(0x5C) }
            escaped.append(b)
        }
        if escaped != needles[0] { needles.append(escaped) }
        for line in lines {
            let bytes = file.lineBytes(line)
            for needle in needles where !needle.isEmpty {
                var i = bytes.startIndex
                while i + needle.count + 1 < bytes.endIndex + 1 {
                    let quote = bytes[i]
                    if (quote == 0x22 || quote == 0x27), i + 1 + needle.count < bytes.endIndex,
                       bytes[i + 1 + needle.count] == quote, bytes[(i + 1)..<(i + 1 + needle.count)].elementsEqual(needle) {
                        let place = Place(line: line, column: file.column(line: line, byteOffset: i + 1))
                        if !used.contains(place) {
                            used.insert(place)
                            return place
                        }
                    }
                    i += 1
                }
            }
        }
        return nil
    }
}

enum RequirementBytes {
    static func isBareKeyChar(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
    }
}
