/// The parts of a Python string literal token: its prefix flags, quotes and content.
public struct PythonStringLiteral: Sendable, Hashable {
    public var isRaw: Bool
    public var isBytes: Bool
    /// An f-string (or a t-string): its value depends on run-time data.
    public var isFormatted: Bool
    public var isTriple: Bool
    public var quote: UInt8
    /// Byte range between the quotes (to the token's end when unterminated).
    public var contentRange: Range<Int>

    /// Splits a `.string` token; nil for any other token.
    public init?(_ token: PythonToken, in bytes: [UInt8]) {
        guard token.kind == .string, token.end <= bytes.count, token.start < token.end else { return nil }
        var k = token.start
        var raw = false, isBytes = false, formatted = false
        while k < token.end, bytes[k] != 0x22, bytes[k] != 0x27 {
            switch bytes[k] | 0x20 {
            case UInt8(ascii: "r"): raw = true
            case UInt8(ascii: "b"): isBytes = true
            case UInt8(ascii: "f"), UInt8(ascii: "t"): formatted = true
            case UInt8(ascii: "u"): break
            default: return nil
            }
            k += 1
        }
        guard k < token.end else { return nil }
        let q = bytes[k]
        let triple = k + 2 < token.end && bytes[k + 1] == q && bytes[k + 2] == q
        let open = triple ? 3 : 1
        var contentEnd = token.end
        if !token.isUnterminated {
            contentEnd = max(k + open, token.end - open)
        }
        isRaw = raw
        self.isBytes = isBytes
        isFormatted = formatted
        isTriple = triple
        quote = q
        contentRange = (k + open)..<max(k + open, contentEnd)
    }

    /// The decoded value of a plain or raw string literal; nil for f-strings, for
    /// escapes that cannot be decoded here (`\N{...}`, lone surrogates, a bad `\x`),
    /// and for bytes literals holding non-ASCII bytes.
    public static func value(of token: PythonToken, in bytes: [UInt8]) -> String? {
        guard let literal = PythonStringLiteral(token, in: bytes) else { return nil }
        return literal.value(in: bytes)
    }

    public func value(in bytes: [UInt8]) -> String? {
        if isFormatted { return nil }
        let content = bytes[contentRange]
        if isRaw {
            if isBytes && content.contains(where: { $0 >= 0x80 }) { return nil }
            return String(decoding: content, as: UTF8.self)
        }
        // Without a backslash the value is the content itself: one string, no copy first.
        let hasEscape = content.withUnsafeBufferPointer { $0.contains(0x5C) }
        if !hasEscape {
            if isBytes && content.contains(where: { $0 >= 0x80 }) { return nil }
            return String(decoding: content, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var k = contentRange.lowerBound
        let end = contentRange.upperBound
        func hex(_ c: UInt8) -> UInt32? {
            switch c {
            case 0x30...0x39: return UInt32(c - 0x30)
            case 0x61...0x66: return UInt32(c - 0x61 + 10)
            case 0x41...0x46: return UInt32(c - 0x41 + 10)
            default: return nil
            }
        }
        func appendScalar(_ v: UInt32) -> Bool {
            guard let scalar = Unicode.Scalar(v) else { return false }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            return true
        }
        while k < end {
            let c = bytes[k]
            if c != 0x5C {
                if isBytes && c >= 0x80 { return nil }
                out.append(c)
                k += 1
                continue
            }
            guard k + 1 < end else {
                out.append(c)
                k += 1
                continue
            }
            let e = bytes[k + 1]
            k += 2
            switch e {
            case 0x0A: break
            case 0x0D: if k < end && bytes[k] == 0x0A { k += 1 }
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var v = UInt32(e - 0x30)
                var digits = 1
                while digits < 3, k < end, bytes[k] >= 0x30, bytes[k] <= 0x37 {
                    v = v * 8 + UInt32(bytes[k] - 0x30)
                    k += 1
                    digits += 1
                }
                if isBytes {
                    guard v < 0x80 else { return nil }
                    out.append(UInt8(v))
                } else if !appendScalar(v) {
                    return nil
                }
            case UInt8(ascii: "x"):
                guard k + 1 < end, let h = hex(bytes[k]), let l = hex(bytes[k + 1]) else { return nil }
                k += 2
                let v = h * 16 + l
                if isBytes {
                    guard v < 0x80 else { return nil }
                    out.append(UInt8(v))
                } else if !appendScalar(v) {
                    return nil
                }
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                if isBytes {
                    out.append(c)
                    out.append(e)
                    continue
                }
                let count = e == UInt8(ascii: "u") ? 4 : 8
                guard k + count <= end else { return nil }
                var v: UInt32 = 0
                for j in 0..<count {
                    guard let d = hex(bytes[k + j]) else { return nil }
                    v = v &* 16 &+ d
                }
                k += count
                if !appendScalar(v) { return nil }
            case UInt8(ascii: "N"):
                if isBytes {
                    out.append(c)
                    out.append(e)
                    continue
                }
                return nil
            default:
                // Unknown escapes keep their backslash.
                out.append(c)
                if isBytes && e >= 0x80 { return nil }
                out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
