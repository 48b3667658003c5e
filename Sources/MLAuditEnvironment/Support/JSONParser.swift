/// A small byte-level JSON parser producing `JSONValue`. Reading JSON back
/// through `JSONDecoder` into an enum costs a thrown error per failed type
/// guess, which made re-emitting a manifest slower than collecting it.
enum JSONParser {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        var description: String { "invalid JSON at byte \(offset)" }
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = Cursor(buffer: buffer)
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            guard parser.index == buffer.count else { throw Failure(offset: parser.index) }
            return value
        }
    }

    static func parse(_ text: String) throws -> JSONValue {
        try parse(Array(text.utf8))
    }

    private struct Cursor {
        let buffer: UnsafeBufferPointer<UInt8>
        var index = 0

        init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

        mutating func skipWhitespace() {
            while index < buffer.count {
                let byte = buffer[index]
                guard byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 else { return }
                index += 1
            }
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth < 512 else { throw Failure(offset: index) }
            skipWhitespace()
            guard index < buffer.count else { throw Failure(offset: index) }
            switch buffer[index] {
            case 0x7b: return try object(depth: depth)
            case 0x5b: return try array(depth: depth)
            case 0x22: return .string(try string())
            case 0x74: try literal("true"); return .bool(true)
            case 0x66: try literal("false"); return .bool(false)
            case 0x6e: try literal("null"); return .null
            default: return try number()
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let count = word.utf8CodeUnitCount
            guard index + count <= buffer.count else { throw Failure(offset: index) }
            for offset in 0 ..< count where buffer[index + offset] != word.utf8Start[offset] {
                throw Failure(offset: index)
            }
            index += count
        }

        mutating func object(depth: Int) throws -> JSONValue {
            index += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if index < buffer.count, buffer[index] == 0x7d { index += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard index < buffer.count, buffer[index] == 0x22 else { throw Failure(offset: index) }
                let key = try string()
                skipWhitespace()
                guard index < buffer.count, buffer[index] == 0x3a else { throw Failure(offset: index) }
                index += 1
                members[key] = try value(depth: depth + 1)
                skipWhitespace()
                guard index < buffer.count else { throw Failure(offset: index) }
                if buffer[index] == 0x2c { index += 1; continue }
                if buffer[index] == 0x7d { index += 1; return .object(members) }
                throw Failure(offset: index)
            }
        }

        mutating func array(depth: Int) throws -> JSONValue {
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if index < buffer.count, buffer[index] == 0x5d { index += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < buffer.count else { throw Failure(offset: index) }
                if buffer[index] == 0x2c { index += 1; continue }
                if buffer[index] == 0x5d { index += 1; return .array(items) }
                throw Failure(offset: index)
            }
        }

        mutating func string() throws -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0x22 {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start ..< index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == 0x5c { break }
                if byte < 0x20 { throw Failure(offset: index) }
                index += 1
            }
            var bytes = Array(buffer[start ..< index])
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0x22 {
                    index += 1
                    return String(decoding: bytes, as: UTF8.self)
                }
                if byte < 0x20 { throw Failure(offset: index) }
                guard byte == 0x5c else { bytes.append(byte); index += 1; continue }
                guard index + 1 < buffer.count else { throw Failure(offset: index) }
                let escape = buffer[index + 1]
                index += 2
                switch escape {
                case 0x22, 0x5c, 0x2f: bytes.append(escape)
                case 0x62: bytes.append(0x08)
                case 0x66: bytes.append(0x0c)
                case 0x6e: bytes.append(0x0a)
                case 0x72: bytes.append(0x0d)
                case 0x74: bytes.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if scalar >= 0xd800, scalar < 0xdc00, index + 1 < buffer.count, buffer[index] == 0x5c, buffer[index + 1] == 0x75 {
                        index += 2
                        let low = try hex4()
                        guard low >= 0xdc00, low < 0xe000 else { throw Failure(offset: index) }
                        scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    bytes.append(contentsOf: String(Character(character)).utf8)
                default: throw Failure(offset: index)
                }
            }
            throw Failure(offset: index)
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= buffer.count else { throw Failure(offset: index) }
            var value: UInt32 = 0
            for _ in 0 ..< 4 {
                let byte = buffer[index]
                let digit: UInt8
                switch byte {
                case 0x30 ... 0x39: digit = byte - 0x30
                case 0x41 ... 0x46: digit = byte - 0x41 + 10
                case 0x61 ... 0x66: digit = byte - 0x61 + 10
                default: throw Failure(offset: index)
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        mutating func number() throws -> JSONValue {
            let start = index
            var isInteger = true
            while index < buffer.count {
                let byte = buffer[index]
                if byte >= 0x30 && byte <= 0x39 || byte == 0x2d {
                    index += 1
                } else if byte == 0x2e || byte == 0x65 || byte == 0x45 || byte == 0x2b {
                    isInteger = false
                    index += 1
                } else {
                    break
                }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start ..< index]), as: UTF8.self)
            if isInteger, let integer = Int64(text) { return .integer(integer) }
            guard let double = Double(text), !text.isEmpty else { throw Failure(offset: start) }
            return .number(double)
        }
    }
}
