/// Writes JSON in one canonical layout so that committed manifests diff
/// cleanly: object keys sorted by their UTF-8 bytes, two-space indentation,
/// `"key": value`, non-ASCII written as UTF-8, `/` not escaped, a final
/// newline. Array order is the producer's (collectors sort their arrays).
enum CanonicalJSON {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let tree = try JSONTreeEncoder.encode(value)
        var out: [UInt8] = []
        out.reserveCapacity(64 << 10)
        write(tree, indent: 0, into: &out)
        out.append(0x0a)
        return out
    }

    static func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .integer(number): out.append(contentsOf: String(number).utf8)
        case let .number(number):
            if number == number.rounded(), abs(number) < 1e15 {
                out.append(contentsOf: String(Int64(number)).utf8)
            } else {
                out.append(contentsOf: "\(number)".utf8)
            }
        case let .string(text): writeString(text, into: &out)
        case let .array(items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(0x5b)
            for (index, item) in items.enumerated() {
                out.append(contentsOf: index == 0 ? [0x0a] : [0x2c, 0x0a])
                newlineIndent(indent + 1, into: &out)
                write(item, indent: indent + 1, into: &out)
            }
            out.append(0x0a)
            newlineIndent(indent, into: &out)
            out.append(0x5d)
        case let .object(members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(0x7b)
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                out.append(contentsOf: index == 0 ? [0x0a] : [0x2c, 0x0a])
                newlineIndent(indent + 1, into: &out)
                writeString(key, into: &out)
                out.append(contentsOf: [0x3a, 0x20])
                write(members[key]!, indent: indent + 1, into: &out)
            }
            out.append(0x0a)
            newlineIndent(indent, into: &out)
            out.append(0x7d)
        }
    }

    private static func newlineIndent(_ level: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0x20, count: level * 2))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5c, 0x22])
            case 0x5c: out.append(contentsOf: [0x5c, 0x5c])
            case 0x0a: out.append(contentsOf: [0x5c, 0x6e])
            case 0x0d: out.append(contentsOf: [0x5c, 0x72])
            case 0x09: out.append(contentsOf: [0x5c, 0x74])
            case 0x08: out.append(contentsOf: [0x5c, 0x62])
            case 0x0c: out.append(contentsOf: [0x5c, 0x66])
            case 0x00 ..< 0x20, 0x7f:
                out.append(contentsOf: [0x5c, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xf)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
