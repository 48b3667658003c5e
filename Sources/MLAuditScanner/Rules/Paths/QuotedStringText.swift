import MLAuditParsers

/// The value of a Python string literal (or a TOML basic or JSON string, whose escapes
/// are nearly a subset) with each byte mapped to where it is written, so a path
/// inside a docstring is reported at its own line. Escapes that produce something
/// other than a backslash, a quote or (in JSON) a slash become a control byte,
/// which ends any path.
enum QuotedStringText {
    static func python(_ token: PythonToken, in bytes: [UInt8]) -> MappedText? {
        guard let literal = PythonStringLiteral(token, in: bytes), !literal.isBytes else { return nil }
        if literal.isRaw { return MappedText(bytes[literal.contentRange], fileOffset: literal.contentRange.lowerBound) }
        return decode(bytes, literal.contentRange)
    }

    static func decode(_ bytes: [UInt8], _ range: Range<Int>, json: Bool = false) -> MappedText {
        var out = MappedText()
        var runStart = range.lowerBound
        var k = range.lowerBound
        let end = range.upperBound
        while k < end {
            guard bytes[k] == 0x5C, k + 1 < end else {
                k += 1
                continue
            }
            let e = bytes[k + 1]
            var length = 2
            var decoded: UInt8?
            switch e {
            case 0x0A: decoded = nil
            case 0x5C, 0x27, 0x22: decoded = e
            case 0x2F where json: decoded = e
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "v"), UInt8(ascii: "e"): decoded = 0x01
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                while length < 4, k + length < end, bytes[k + length] >= 0x30, bytes[k + length] <= 0x37 { length += 1 }
                decoded = 0x01
            case UInt8(ascii: "x"): length = 4; decoded = 0x01
            case UInt8(ascii: "u"): length = 6; decoded = 0x01
            case UInt8(ascii: "U"): length = 10; decoded = 0x01
            case UInt8(ascii: "N"):
                while k + length < end, bytes[k + length] != UInt8(ascii: "}") { length += 1 }
                length += 1
                decoded = 0x01
            default:
                // An unknown escape keeps its backslash: both bytes stay as written.
                k += 2
                continue
            }
            out.append(bytes[runStart..<k], fileOffset: runStart)
            if let decoded { out.appendSynthetic(decoded, fileOffset: k) }
            k = min(end, k + length)
            runStart = k
        }
        out.append(bytes[runStart..<end], fileOffset: runStart)
        return out
    }
}
