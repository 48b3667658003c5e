import Yams

/// Maps the value of a YAML scalar back onto the file it was read from, so a word of
/// a `run: |` block or a GitLab `script:` item is reported at its own line and column.
///
/// The value libyaml produced is matched against the raw text from the scalar's
/// start: equal bytes map one to one; indentation and folded line breaks are
/// skipped or mapped to the break; `''` and double-quote escapes map to the escape.
/// If the two ever disagree, the rest of the value is mapped as if it sat verbatim
/// after the scalar's start (never a crash, at worst an imprecise column).
public enum YAMLScalarText {
    /// - Parameters:
    ///   - line, column: the node's 1-based mark (column in Unicode scalars).
    public static func mappedText(value: String, style: Node.Scalar.Style, line: Int, column: Int,
                                  bytes: [UInt8], lineStarts: [Int]) -> MappedText {
        let v = Array(value.utf8)
        guard line >= 1, line <= lineStarts.count else { return MappedText(v, fileOffset: 0) }
        // Byte offset of the mark.
        var p = lineStarts[line - 1]
        var col = 1
        while col < column, p < bytes.count, bytes[p] != 0x0A {
            p += 1
            while p < bytes.count, bytes[p] & 0xC0 == 0x80 { p += 1 }
            col += 1
        }
        // A tag or an anchor may come first.
        while p < bytes.count, bytes[p] == 0x21 || bytes[p] == 0x26 {
            while p < bytes.count, bytes[p] != 0x20 && bytes[p] != 0x0A { p += 1 }
            while p < bytes.count, bytes[p] == 0x20 || bytes[p] == 0x09 { p += 1 }
        }
        var start = p
        switch style {
        case .literal, .folded:
            while start < bytes.count, bytes[start] != 0x0A { start += 1 }
            start = min(start + 1, bytes.count)
        case .singleQuoted, .doubleQuoted:
            start = p + 1
        default:
            break
        }
        return match(v, bytes: bytes, from: start, style: style)
    }

    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    static func match(_ v: [UInt8], bytes: [UInt8], from start: Int, style: Node.Scalar.Style) -> MappedText {
        var out = MappedText()
        var j = start
        var k = 0
        let n = bytes.count
        while k < v.count {
            guard j < n else { break }
            let r = bytes[j]
            if style == .doubleQuoted && r == 0x5C {
                if j + 1 < n, bytes[j + 1] == 0x0A || bytes[j + 1] == 0x0D { // escaped line break
                    j += 2
                    if j < n, bytes[j - 1] == 0x0D, bytes[j] == 0x0A { j += 1 }
                    while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                    continue
                }
                guard let (decoded, length) = decodeEscape(bytes, j), v[k...].starts(with: decoded) else { break }
                out.appendSynthetic(decoded, fileOffset: j)
                k += decoded.count
                j += length
                continue
            }
            if style == .singleQuoted && r == 0x27 {
                guard j + 1 < n, bytes[j + 1] == 0x27, v[k] == 0x27 else { break }
                out.appendSynthetic(0x27, fileOffset: j)
                k += 1
                j += 2
                continue
            }
            if r == v[k] {
                out.append(CollectionOfOne(r), fileOffset: j)
                j += 1
                k += 1
                continue
            }
            if isBlank(r) {
                if (v[k] == 0x20 || v[k] == 0x0A) && (r == 0x0A || r == 0x0D) { // a folded line break
                    out.appendSynthetic(v[k], fileOffset: j)
                    k += 1
                }
                j += 1
                continue
            }
            break
        }
        if k < v.count { // disagreement: map the rest verbatim from here
            out.append(v[k...], fileOffset: min(j, n))
        }
        return out
    }

    /// A double-quoted scalar's escape at `j` (the backslash): decoded bytes and length.
    static func decodeEscape(_ b: [UInt8], _ j: Int) -> ([UInt8], Int)? {
        guard j + 1 < b.count else { return nil }
        func hex(_ count: Int) -> ([UInt8], Int)? {
            guard j + 2 + count <= b.count else { return nil }
            var value: UInt32 = 0
            for c in b[(j + 2)..<(j + 2 + count)] {
                guard let d = hexValue(c) else { return nil }
                value = value * 16 + d
            }
            guard let scalar = UnicodeScalar(value) else { return nil }
            return (Array(String(Character(scalar)).utf8), 2 + count)
        }
        switch b[j + 1] {
        case UInt8(ascii: "0"): return ([0x00], 2)
        case UInt8(ascii: "a"): return ([0x07], 2)
        case UInt8(ascii: "b"): return ([0x08], 2)
        case UInt8(ascii: "t"), 0x09: return ([0x09], 2)
        case UInt8(ascii: "n"): return ([0x0A], 2)
        case UInt8(ascii: "v"): return ([0x0B], 2)
        case UInt8(ascii: "f"): return ([0x0C], 2)
        case UInt8(ascii: "r"): return ([0x0D], 2)
        case UInt8(ascii: "e"): return ([0x1B], 2)
        case 0x20: return ([0x20], 2)
        case 0x22: return ([0x22], 2)
        case 0x2F: return ([0x2F], 2)
        case 0x5C: return ([0x5C], 2)
        case UInt8(ascii: "N"): return (Array("\u{85}".utf8), 2)
        case UInt8(ascii: "_"): return (Array("\u{A0}".utf8), 2)
        case UInt8(ascii: "L"): return (Array("\u{2028}".utf8), 2)
        case UInt8(ascii: "P"): return (Array("\u{2029}".utf8), 2)
        case UInt8(ascii: "x"): return hex(2)
        case UInt8(ascii: "u"): return hex(4)
        case UInt8(ascii: "U"): return hex(8)
        default: return nil
        }
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }
}
