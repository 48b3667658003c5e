import MLAuditCore
import MLAuditParsers
import Yams

/// Paths in the values (never the comments) of YAML, JSON, TOML and INI files.
enum ConfigPaths {
    static func checkYAML(_ file: FileContext, _ reporter: inout PathReporter) {
        guard let root = file.yamlNode else { return }
        let isCompose = file.kind == .compose
        func visit(_ node: Node, key: String?) {
            switch node {
            case .scalar:
                guard let text = ShellRegionExtractor.scalarText(node, file: file) else { return }
                var bytes = text.bytes
                // A compose volume `/host/path:/container/path`: only the host side is this machine's.
                if isCompose, let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes.first == UInt8(ascii: "/") || bytes.first == UInt8(ascii: ".") {
                    bytes = Array(bytes[..<colon])
                }
                for match in PathClassifier.matches(in: bytes, isFileLocation: key.map(PathClassifier.isLocationName) ?? false) {
                    reporter.report(match, atFileByte: text.fileOffset(of: match.offset))
                }
            case .mapping(let mapping):
                for (k, v) in mapping { visit(v, key: k.string) }
            case .sequence(let sequence):
                for item in sequence { visit(item, key: key) }
            default:
                break
            }
        }
        visit(root, key: nil)
    }

    static func checkJSON(_ file: FileContext, _ reporter: inout PathReporter) {
        guard let root = try? JSONScanner.parse(file.bytes) else { return }
        func visit(_ node: JSONNode, key: String?) {
            if let members = node.members {
                for member in members { visit(member.value, key: member.key.value) }
            } else if let items = node.array {
                for item in items { visit(item, key: key) }
            } else if let string = node.jsonString {
                let text = string.mappedText(in: file.bytes)
                for match in PathClassifier.matches(in: text.bytes, isFileLocation: key.map(PathClassifier.isLocationName) ?? false) {
                    reporter.report(match, atFileByte: text.fileOffset(of: match.offset))
                }
            }
        }
        visit(root, key: nil)
    }

    /// TOML, line by line: quoted strings after `=` (and in arrays), comments skipped.
    static func checkTOML(_ file: FileContext, _ reporter: inout PathReporter) {
        for line in 1...max(1, file.lineCount) {
            let bytes = file.lineBytes(line)
            // Comment lines and `[table]` headers hold no values.
            guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), bytes[first] != UInt8(ascii: "#"),
                  bytes[first] != UInt8(ascii: "[") || bytes.contains(UInt8(ascii: "=")) else { continue }
            let key = String(decoding: bytes[first...].prefix { $0 != UInt8(ascii: "=") && $0 != 0x20 }, as: UTF8.self)
                .trimmingCharacters(in: ["\"", "'"])
            // After `key =`, or from the line start for an array continuation line.
            var i = bytes.firstIndex(of: UInt8(ascii: "=")).map { $0 + 1 } ?? first
            while i < bytes.endIndex {
                let c = bytes[i]
                if c == UInt8(ascii: "#") { break }
                if c == 0x22 || c == 0x27 {
                    var j = i + 1
                    while j < bytes.endIndex, bytes[j] != c { j += bytes[j] == UInt8(ascii: "\\") && c == 0x22 ? 2 : 1 }
                    let value = Array(bytes[(i + 1)..<min(j, bytes.endIndex)])
                    for match in PathClassifier.matches(in: value, isFileLocation: PathClassifier.isLocationName(key)) {
                        reporter.report(match, atFileByte: i + 1 + match.offset)
                    }
                    i = j + 1
                    continue
                }
                i += 1
            }
        }
    }

    static func checkINI(_ file: FileContext, _ reporter: inout PathReporter) {
        for entry in INIEntries.parse(file) {
            for part in entry.parts {
                for match in PathClassifier.matches(in: Array(part.text.utf8), isFileLocation: PathClassifier.isLocationName(entry.key)) {
                    let lineStart = file.lineStarts[part.line - 1]
                    let prefix = String(decoding: file.lineBytes(part.line), as: UTF8.self).prefix(part.column - 1)
                    reporter.report(match, atFileByte: lineStart + prefix.utf8.count + match.offset)
                }
            }
        }
    }
}
