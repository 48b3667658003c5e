/// A JSON string token: its decoded value and where it sits in the input.
public struct JSONString: Sendable, Hashable {
    public var value: String
    /// Byte range of the token, quotes included.
    public var range: Range<Int>
    /// The token holds backslash escapes (so its decoded bytes are not a plain slice of the input).
    public var hasEscapes: Bool
}

/// A JSON object member, in input order.
public struct JSONMember: Sendable, Hashable {
    public var key: JSONString
    public var value: JSONNode
}

/// A parsed JSON value that remembers its byte offset in the input.
public struct JSONNode: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case object([JSONMember])
        case array([JSONNode])
        case string(JSONString)
        case number(String)
        case bool(Bool)
        case null
    }

    public var kind: Kind
    /// Byte offset of the value's first byte.
    public var offset: Int

    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key.value == key }?.value
    }

    public var members: [JSONMember]? {
        if case .object(let m) = kind { return m }
        return nil
    }

    public var array: [JSONNode]? {
        if case .array(let a) = kind { return a }
        return nil
    }

    public var jsonString: JSONString? {
        if case .string(let s) = kind { return s }
        return nil
    }

    public var string: String? { jsonString?.value }

    public var int: Int? {
        if case .number(let n) = kind { return Int(n) }
        return nil
    }

    public var isNull: Bool { kind == .null }
}

/// Malformed JSON: what is wrong and at which byte.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { message }
}

/// A small strict JSON parser over UTF-8 bytes that keeps byte offsets, so that
/// values (notebook cell sources, Dockerfile exec-form arguments) can be mapped
/// back to lines and columns of the file.
public struct JSONScanner {
    private let b: [UInt8]
    private var i = 0
    private var depth = 0
    static let maxDepth = 512
    /// Notebook mode: the payloads of cell outputs are checked but not kept.
    private let skipsOutputPayloads: Bool
    /// Depth of the `outputs` array being read, in notebook mode.
    private var outputsDepth: Int?
    /// Members of an output object whose values are stepped over in notebook mode: the
    /// plots, logs and tracebacks that make most of a large notebook. Kept as `null`.
    static let outputPayloadKeys: [[UInt8]] = [Array("data".utf8), Array("text".utf8), Array("traceback".utf8)]

    private init(_ bytes: [UInt8], skipsOutputPayloads: Bool) {
        b = bytes
        self.skipsOutputPayloads = skipsOutputPayloads
    }

    /// Parses a whole document (surrounding whitespace allowed, a UTF-8 BOM skipped).
    /// With `skippingOutputPayloads`, the members `data`, `text` and `traceback` of the
    /// objects in an `outputs` array (a notebook's cell outputs) are validated as JSON
    /// but not decoded: their nodes are `null` at the value's offset.
    public static func parse(_ bytes: [UInt8], skippingOutputPayloads: Bool = false) throws(JSONError) -> JSONNode {
        var scanner = JSONScanner(bytes, skipsOutputPayloads: skippingOutputPayloads)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.i = 3 }
        scanner.skipWhitespace()
        let value = try scanner.parseValue()
        scanner.skipWhitespace()
        if scanner.i < bytes.count { throw JSONError(offset: scanner.i, message: "unexpected data after the JSON value") }
        return value
    }

    private mutating func skipWhitespace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    private mutating func parseValue() throws(JSONError) -> JSONNode {
        guard i < b.count else { throw JSONError(offset: i, message: "unexpected end of JSON input") }
        let start = i
        switch b[i] {
        case 0x7B: return try parseObject()
        case 0x5B: return try parseArray()
        case 0x22: return JSONNode(kind: .string(try parseString()), offset: start)
        case 0x74: try literal("true"); return JSONNode(kind: .bool(true), offset: start)
        case 0x66: try literal("false"); return JSONNode(kind: .bool(false), offset: start)
        case 0x6E: try literal("null"); return JSONNode(kind: .null, offset: start)
        case 0x2D, 0x30...0x39: return try parseNumber()
        default: throw JSONError(offset: i, message: "unexpected character '\(Self.show(b[i]))' where a JSON value was expected")
        }
    }

    private static func show(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "\\u{\(String(c, radix: 16))}"
    }

    private mutating func literal(_ word: String) throws(JSONError) {
        let w = Array(word.utf8)
        guard i + w.count <= b.count, b[i..<(i + w.count)].elementsEqual(w) else {
            throw JSONError(offset: i, message: "invalid literal (expected '\(word)')")
        }
        i += w.count
    }

    private mutating func parseNumber() throws(JSONError) -> JSONNode {
        let start = i
        if b[i] == 0x2D { i += 1 }
        var digits = 0
        while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1; digits += 1 }
        if i < b.count, b[i] == 0x2E {
            i += 1
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
        }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
        }
        if digits == 0 { throw JSONError(offset: start, message: "invalid number") }
        return JSONNode(kind: .number(String(decoding: b[start..<i], as: UTF8.self)), offset: start)
    }

    private mutating func enter(_ at: Int) throws(JSONError) {
        depth += 1
        if depth > Self.maxDepth { throw JSONError(offset: at, message: "JSON nested too deeply") }
    }

    private mutating func parseObject() throws(JSONError) -> JSONNode {
        let start = i
        try enter(start)
        defer { depth -= 1 }
        i += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if i < b.count, b[i] == 0x7D {
            i += 1
            return JSONNode(kind: .object(members), offset: start)
        }
        while true {
            skipWhitespace()
            guard i < b.count else { throw JSONError(offset: start, message: "unterminated JSON object") }
            guard b[i] == 0x22 else { throw JSONError(offset: i, message: "expected a string key in JSON object") }
            let key = try parseString()
            skipWhitespace()
            guard i < b.count, b[i] == 0x3A else { throw JSONError(offset: i, message: "expected ':' after JSON object key") }
            i += 1
            skipWhitespace()
            let value: JSONNode
            if let outputs = outputsDepth, depth == outputs + 1, Self.outputPayloadKeys.contains(where: { $0.elementsEqual(key.value.utf8) }) {
                let valueStart = i
                try skipValue()
                value = JSONNode(kind: .null, offset: valueStart)
            } else if skipsOutputPayloads, outputsDepth == nil, key.value == "outputs", i < b.count, b[i] == 0x5B {
                outputsDepth = depth + 1
                defer { outputsDepth = nil }
                value = try parseValue()
            } else {
                value = try parseValue()
            }
            members.append(JSONMember(key: key, value: value))
            skipWhitespace()
            guard i < b.count else { throw JSONError(offset: start, message: "unterminated JSON object") }
            if b[i] == 0x2C {
                i += 1
                continue
            }
            if b[i] == 0x7D {
                i += 1
                return JSONNode(kind: .object(members), offset: start)
            }
            throw JSONError(offset: i, message: "expected ',' or '}' in JSON object")
        }
    }

    private mutating func parseArray() throws(JSONError) -> JSONNode {
        let start = i
        try enter(start)
        defer { depth -= 1 }
        i += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if i < b.count, b[i] == 0x5D {
            i += 1
            return JSONNode(kind: .array(items), offset: start)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard i < b.count else { throw JSONError(offset: start, message: "unterminated JSON array") }
            if b[i] == 0x2C {
                i += 1
                continue
            }
            if b[i] == 0x5D {
                i += 1
                return JSONNode(kind: .array(items), offset: start)
            }
            throw JSONError(offset: i, message: "expected ',' or ']' in JSON array")
        }
    }

    /// Steps over one value, checking it is well-formed JSON, without building it.
    private mutating func skipValue() throws(JSONError) {
        guard i < b.count else { throw JSONError(offset: i, message: "unexpected end of JSON input") }
        let start = i
        switch b[i] {
        case 0x7B, 0x5B:
            let close: UInt8 = b[i] == 0x7B ? 0x7D : 0x5D
            let isObject = b[i] == 0x7B
            try enter(start)
            defer { depth -= 1 }
            i += 1
            skipWhitespace()
            if i < b.count, b[i] == close {
                i += 1
                return
            }
            while true {
                skipWhitespace()
                if isObject {
                    guard i < b.count, b[i] == 0x22 else {
                        throw JSONError(offset: i, message: i < b.count ? "expected a string key in JSON object" : "unterminated JSON object")
                    }
                    try skipString()
                    skipWhitespace()
                    guard i < b.count, b[i] == 0x3A else { throw JSONError(offset: i, message: "expected ':' after JSON object key") }
                    i += 1
                    skipWhitespace()
                }
                try skipValue()
                skipWhitespace()
                guard i < b.count else {
                    throw JSONError(offset: start, message: isObject ? "unterminated JSON object" : "unterminated JSON array")
                }
                if b[i] == 0x2C {
                    i += 1
                    continue
                }
                if b[i] == close {
                    i += 1
                    return
                }
                throw JSONError(offset: i, message: isObject ? "expected ',' or '}' in JSON object" : "expected ',' or ']' in JSON array")
            }
        case 0x22:
            try skipString()
        default:
            _ = try parseValue()
        }
    }

    /// Steps over a string token (opening quote at `i`), checking it as `decodeString` does.
    private mutating func skipString() throws(JSONError) {
        let start = i
        var j = i + 1
        while j < b.count {
            let c = b[j]
            if c == 0x22 {
                i = j + 1
                return
            }
            if c < 0x20 {
                throw JSONError(offset: j, message: c == 0x0A ? "unterminated JSON string" : "control character in JSON string")
            }
            if c == 0x5C {
                guard j + 1 < b.count else { throw JSONError(offset: start, message: "unterminated JSON string") }
                switch b[j + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    j += 2
                case 0x75:
                    guard Self.hex4(b, j + 2) != nil else { throw JSONError(offset: j, message: "invalid \\u escape in JSON string") }
                    j += 6
                default:
                    throw JSONError(offset: j, message: "invalid escape '\\\(Self.show(b[j + 1]))' in JSON string")
                }
                continue
            }
            j += 1
        }
        throw JSONError(offset: start, message: "unterminated JSON string")
    }

    private mutating func parseString() throws(JSONError) -> JSONString {
        let start = i
        var noMap: MappedText? = nil
        let (text, end, escapes) = try Self.decodeString(b, at: start, map: &noMap)
        i = end
        return JSONString(value: String(decoding: text, as: UTF8.self), range: start..<end, hasEscapes: escapes)
    }

    /// Decodes the string token whose opening quote is at `start`; returns the decoded
    /// bytes, the offset after the closing quote, and whether escapes occurred. With
    /// `map`, also records where each decoded byte came from.
    static func decodeString(_ b: [UInt8], at start: Int, map: inout MappedText?) throws(JSONError) -> ([UInt8], Int, Bool) {
        var out: [UInt8] = []
        var escapes = false
        var j = start + 1
        var runStart = j
        func flush(_ upTo: Int, _ map: inout MappedText?) {
            if upTo > runStart {
                out.append(contentsOf: b[runStart..<upTo])
                map?.append(b[runStart..<upTo], fileOffset: runStart)
            }
        }
        while j < b.count {
            let c = b[j]
            if c == 0x22 {
                flush(j, &map)
                return (out, j + 1, escapes)
            }
            if c < 0x20 {
                throw JSONError(offset: j, message: c == 0x0A ? "unterminated JSON string" : "control character in JSON string")
            }
            if c == 0x5C {
                flush(j, &map)
                escapes = true
                guard j + 1 < b.count else { throw JSONError(offset: start, message: "unterminated JSON string") }
                var decoded: [UInt8]
                var length = 2
                switch b[j + 1] {
                case 0x22: decoded = [0x22]
                case 0x5C: decoded = [0x5C]
                case 0x2F: decoded = [0x2F]
                case 0x62: decoded = [0x08]
                case 0x66: decoded = [0x0C]
                case 0x6E: decoded = [0x0A]
                case 0x72: decoded = [0x0D]
                case 0x74: decoded = [0x09]
                case 0x75:
                    guard var scalar = hex4(b, j + 2) else { throw JSONError(offset: j, message: "invalid \\u escape in JSON string") }
                    length = 6
                    if scalar >= 0xD800 && scalar < 0xDC00, j + 11 < b.count, b[j + 6] == 0x5C, b[j + 7] == 0x75,
                       let low = hex4(b, j + 8), low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        length = 12
                    }
                    let s = UnicodeScalar(scalar) ?? "\u{FFFD}"
                    decoded = Array(String(Character(s)).utf8)
                default:
                    throw JSONError(offset: j, message: "invalid escape '\\\(show(b[j + 1]))' in JSON string")
                }
                out.append(contentsOf: decoded)
                map?.appendSynthetic(decoded, fileOffset: j)
                j += length
                runStart = j
                continue
            }
            j += 1
        }
        throw JSONError(offset: start, message: "unterminated JSON string")
    }

    private static func hex4(_ b: [UInt8], _ at: Int) -> UInt32? {
        guard at + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v * 16 + d
        }
        return v
    }
}

extension JSONString {
    /// The decoded string with each byte mapped to its place in `bytes` (the input it was parsed from).
    public func mappedText(in bytes: [UInt8]) -> MappedText {
        if !hasEscapes {
            return MappedText(bytes[(range.lowerBound + 1)..<(range.upperBound - 1)], fileOffset: range.lowerBound + 1)
        }
        var text: MappedText? = MappedText()
        _ = try? JSONScanner.decodeString(bytes, at: range.lowerBound, map: &text)
        return text ?? MappedText()
    }
}
