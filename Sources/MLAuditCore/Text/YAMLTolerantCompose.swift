import Yams

/// Reads YAML that strict composing refuses but common tools read: a mapping with
/// a duplicated key (PyYAML and Ruby's Psych keep the last value; Yams, ruamel and
/// GitHub Actions refuse the file) and a stream of several documents (the first is
/// read, as the other readers of a single-document file do).
public enum YAMLTolerantCompose {
    /// A key that occurs twice in one mapping: where its first and its kept (last) value are.
    public struct DuplicateKey: Sendable, Hashable {
        public var key: String
        public var firstLine: Int
        public var keptLine: Int?
    }

    public struct Result {
        public var node: Node?
        public var duplicates: [DuplicateKey]
    }

    /// At most this many duplicated keys are resolved before the file counts as unreadable.
    static let maxDuplicates = 64
    static let marker = "~mlaudit-duplicate-"

    /// The document with every duplicated key resolved to its last value, or nil when a
    /// duplicate cannot be located (the caller then reports the file as invalid).
    public static func composeKeepingLastValue(_ text: String, limits: InputLimits) throws -> Result? {
        var working = text
        var renamed: [String: (key: String, line: Int)] = [:]
        for round in 0...maxDuplicates {
            do {
                let node = try YAMLGuard.compose(working, limits: limits)
                var duplicates: [DuplicateKey] = []
                let stripped = node.map { strip($0, renamed: renamed, into: &duplicates) }
                duplicates.sort { ($0.firstLine, $0.key) < ($1.firstLine, $1.key) }
                return Result(node: stripped, duplicates: duplicates)
            } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
                guard round < maxDuplicates, let key = keys.first,
                      let renamedText = rename(key, at: context.mark, in: working, tag: "\(marker)\(round)") else { return nil }
                working = renamedText
                renamed["\(key)\(marker)\(round)"] = (key, context.mark.line)
            }
        }
        return nil
    }

    /// The text of the first document of a stream of several, with the lines before the second
    /// document marker kept as they are (so marks stay right); nil when the text has no second document.
    public static func firstDocument(_ text: String) -> String? {
        var offset = text.startIndex
        var sawContent = false
        while offset < text.endIndex {
            let end = text[offset...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[offset..<end]
            let isMarker = line == "---" || line.hasPrefix("--- ") || line == "---\r"
            if isMarker, sawContent { return String(text[..<offset]) }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if !isMarker, !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("%") { sawContent = true }
            offset = end < text.endIndex ? text.index(after: end) : end
        }
        return nil
    }

    /// Appends `tag` to the key written at `mark` (plain or quoted), or nil when the text there is not that key.
    static func rename(_ key: String, at mark: Mark, in text: String, tag: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let line = Array(lines[mark.line - 1].unicodeScalars)
        let start = mark.column - 1
        guard start >= 0, start < line.count else { return nil }
        let keyScalars = Array(key.unicodeScalars)
        var insertAt: Int?
        if line[start] == "\"" || line[start] == "'" {
            let body = start + 1
            if body + keyScalars.count < line.count, Array(line[body..<(body + keyScalars.count)]) == keyScalars,
               line[body + keyScalars.count] == line[start] {
                insertAt = body + keyScalars.count
            }
        } else if start + keyScalars.count <= line.count, Array(line[start..<(start + keyScalars.count)]) == keyScalars {
            insertAt = start + keyScalars.count
        }
        guard let at = insertAt else { return nil }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: line[..<at])
        scalars.append(contentsOf: tag.unicodeScalars)
        scalars.append(contentsOf: line[at...])
        lines[mark.line - 1] = String(scalars)
        return lines.joined(separator: "\n")
    }

    /// The node without the pairs whose keys were renamed, noting where each kept value is.
    static func strip(_ node: Node, renamed: [String: (key: String, line: Int)], into duplicates: inout [DuplicateKey]) -> Node {
        switch node {
        case .mapping(let mapping):
            var pairs: [(Node, Node)] = []
            var dropped: [(key: String, line: Int)] = []
            for (key, value) in mapping {
                if let s = key.scalar?.string, let original = renamed[s] {
                    dropped.append(original)
                    continue
                }
                pairs.append((key, strip(value, renamed: renamed, into: &duplicates)))
            }
            for original in dropped {
                let kept = pairs.last { $0.0.scalar?.string == original.key }?.0.mark?.line
                duplicates.append(DuplicateKey(key: original.key, firstLine: original.line, keptLine: kept))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map { strip($0, renamed: renamed, into: &duplicates) }, sequence.tag, sequence.style, sequence.mark))
        default:
            return node
        }
    }
}
