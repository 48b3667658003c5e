import MLAuditCore
import MLAuditParsers

/// Paths in the string values of JSON files. Read token by token rather than
/// parsed, so JSON with comments (editor settings) is read too and the comments
/// are skipped; a string followed by `:` is a key and names the values after it.
enum JSONPathSites {
    static func check(_ file: FileContext, _ reporter: any PathSiteSink) {
        let b = file.bytes
        guard PathClassifier.mayHoldPath(b) else { return }
        // The last key's content, decoded only when a value after it may hold a path.
        var keyContent: Range<Int>?
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "/"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "/") || b[i + 1] == UInt8(ascii: "*") {
                i = commentEnd(b, i)
                continue
            }
            guard c == UInt8(ascii: "\"") else {
                i += 1
                continue
            }
            var end = i + 1
            while end < b.count, b[end] != UInt8(ascii: "\""), b[end] != 0x0A {
                end += b[end] == 0x5C ? 2 : 1
            }
            let content = (i + 1)..<min(end, b.count)
            var next = end + 1
            while next < b.count, b[next] <= 0x20 { next += 1 }
            if next < b.count, b[next] == UInt8(ascii: ":") {
                keyContent = content
            } else if PathClassifier.mayHoldPath(b[content]) {
                let key = keyContent.map { String(decoding: QuotedStringText.decode(b, $0, json: true).bytes, as: UTF8.self) }
                reporter.check(PathSite(text: QuotedStringText.decode(b, content, json: true), name: key))
            }
            i = end + 1
        }
    }

    static func commentEnd(_ b: [UInt8], _ start: Int) -> Int {
        var j = start + 2
        if b[start + 1] == UInt8(ascii: "/") {
            while j < b.count, b[j] != 0x0A { j += 1 }
            return j
        }
        while j + 1 < b.count, !(b[j] == UInt8(ascii: "*") && b[j + 1] == UInt8(ascii: "/")) { j += 1 }
        return j + 2
    }
}
