import MLAuditCore
import MLAuditParsers

/// Paths in the string values of TOML files (pyproject.toml, tool configs), read
/// token by token: `#` comments are skipped, `"…"` and `"""…"""` are decoded,
/// `'…'` and `'''…'''` taken literally, and the key of `key = …` names the
/// strings of its value (arrays spanning lines included). Table headers are skipped.
enum TOMLPathSites {
    static func check(_ file: FileContext, _ reporter: PathReporter) {
        let b = file.bytes
        guard PathClassifier.mayHoldPath(b) else { return }
        var key: String?
        var lineStart = true
        // A key can start a line or follow `{` or `,` in an inline table.
        var keyMayStart = true
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x0A:
                lineStart = true
                keyMayStart = true
                i += 1
            case UInt8(ascii: "{"), UInt8(ascii: ","):
                keyMayStart = true
                lineStart = false
                i += 1
            case 0x20, 0x09, 0x0D:
                i += 1
            case UInt8(ascii: "#"):
                while i < b.count, b[i] != 0x0A { i += 1 }
            case UInt8(ascii: "["):
                if lineStart {  // a table header
                    while i < b.count, b[i] != 0x0A, b[i] != UInt8(ascii: "#") { i += 1 }
                } else {
                    i += 1
                }
                lineStart = false
                keyMayStart = false
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let string = stringToken(b, i)
                if keyMayStart, isKey(b, after: string.end) {
                    key = String(decoding: b[string.content], as: UTF8.self)
                } else if PathClassifier.mayHoldPath(b[string.content]) {
                    let text = c == UInt8(ascii: "\"") ? QuotedStringText.decode(b, string.content)
                        : MappedText(b[string.content], fileOffset: string.content.lowerBound)
                    reporter.check(PathSite(text: text, name: key))
                }
                lineStart = false
                keyMayStart = false
                i = string.end
            default:
                if keyMayStart {
                    var j = i
                    while j < b.count, PathClassifier.isLetter(b[j]) || PathClassifier.isDigit(b[j]) || b[j] == UInt8(ascii: "_")
                            || b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: ".") { j += 1 }
                    if j > i, isKey(b, after: j) {
                        key = String(decoding: b[i..<j], as: UTF8.self)
                        i = j
                        lineStart = false
                        keyMayStart = false
                        continue
                    }
                }
                lineStart = false
                keyMayStart = false
                i += 1
            }
        }
    }

    /// The string token starting at the quote `start`: its content and the offset after it.
    static func stringToken(_ b: [UInt8], _ start: Int) -> (content: Range<Int>, end: Int) {
        let q = b[start]
        let triple = start + 2 < b.count && b[start + 1] == q && b[start + 2] == q
        var j = start + (triple ? 3 : 1)
        let contentStart = j
        while j < b.count {
            if q == UInt8(ascii: "\""), b[j] == 0x5C {
                j += 2
                continue
            }
            if !triple, b[j] == 0x0A { return (contentStart..<j, j) }
            if b[j] == q, !triple || (j + 2 < b.count && b[j + 1] == q && b[j + 2] == q) {
                return (contentStart..<j, j + (triple ? 3 : 1))
            }
            j += 1
        }
        return (contentStart..<min(j, b.count), b.count)
    }

    /// A key ends where `=` follows (a dotted key's pieces are read one by one).
    static func isKey(_ b: [UInt8], after end: Int) -> Bool {
        var j = end
        while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
        return j < b.count && (b[j] == UInt8(ascii: "=") || b[j] == UInt8(ascii: "."))
    }
}
