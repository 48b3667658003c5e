/// Finds table headers (`[key]`, `[[key]]`) whose key starts with a byte that can
/// start neither a bare key nor a quoted one, following TOML's lexical structure
/// far enough to tell headers from arrays inside values: strings (basic, literal,
/// multi-line), comments, and the nesting of `[`/`{` in values.
enum TOMLHeaderCheck {
    static func firstInvalidHeaderKey(_ b: [UInt8]) -> (line: Int, column: Int)? {
        var i = 0
        var line = 1
        var lineStart = 0
        var depth = 0
        var atLineStart = true
        let n = b.count
        func skipString(_ quote: UInt8) {
            // i is at the opening quote.
            let multi = i + 2 < n && b[i + 1] == quote && b[i + 2] == quote
            i += multi ? 3 : 1
            while i < n {
                let c = b[i]
                if c == 0x5C && quote == 0x22 { i += 2; continue }
                if c == 0x0A {
                    if !multi { return }
                    line += 1
                    lineStart = i + 1
                }
                if c == quote {
                    if !multi { i += 1; return }
                    if i + 2 < n && b[i + 1] == quote && b[i + 2] == quote {
                        i += 3
                        while i < n && b[i] == quote { i += 1 }  // up to two quotes may end the content
                        return
                    }
                }
                i += 1
            }
        }
        while i < n {
            let c = b[i]
            switch c {
            case 0x0A:
                line += 1
                lineStart = i + 1
                atLineStart = true
                i += 1
            case 0x20, 0x09, 0x0D:
                i += 1
            case 0x23:  // comment
                while i < n && b[i] != 0x0A { i += 1 }
            case 0x22, 0x27:
                atLineStart = false
                skipString(c)
            case 0x5B where atLineStart && depth == 0:
                var j = i + 1
                while j < n && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
                if j < n && b[j] == 0x5B && j == i + 1 { j += 1 }
                while j < n && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
                if j < n && !startsKey(b[j]) && b[j] != 0x5D {
                    return (line, String(decoding: b[lineStart..<j], as: UTF8.self).count + 1)
                }
                // The rest of the header line: a key, brackets, maybe a comment.
                atLineStart = false
                i = j
                while i < n && b[i] != 0x0A {
                    if b[i] == 0x22 || b[i] == 0x27 { skipString(b[i]) } else if b[i] == 0x23 { break } else { i += 1 }
                }
            case 0x5B, 0x7B:
                atLineStart = false
                depth += 1
                i += 1
            case 0x5D, 0x7D:
                atLineStart = false
                depth = max(0, depth - 1)
                i += 1
            default:
                atLineStart = false
                i += 1
            }
        }
        return nil
    }

    /// A bare key byte (`A-Za-z0-9_-`) or a quote.
    static func startsKey(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D || c == 0x22 || c == 0x27
    }
}
