/// The machine description a W&B run keeps in its binary log (`run-<id>.wandb`):
/// the `environment` field (26) of a `Record` protobuf, an `EnvironmentRecord`.
/// Current clients write it there instead of `files/wandb-metadata.json`.
struct WandbEnvironment: Equatable {
    var os: String?
    var python: String?
    var gitCommit: String?
    var cpuCount: Int?
    var cpuCountLogical: Int?
    var cpuModel: String?
    var gpuType: String?
    var gpuCount: Int?
    var gpuNames: [String] = []
    var memoryTotal: UInt64?
    var cudaVersion: String?
}

/// Finds and decodes the `EnvironmentRecord` in a `.wandb` log without a protobuf
/// library: the log is a sequence of framed records, and the environment record is
/// small and near the start, so it is found by its field tag and checked by
/// decoding it whole (its first fields must be the OS and Python strings).
enum WandbLogDecoder {
    /// Field numbers of `EnvironmentRecord` (wandb_internal.proto).
    private enum Field {
        static let os = 1, python = 2, git = 9, cpuCount = 16, cpuCountLogical = 17, gpuType = 18, gpuCount = 19
        static let memory = 21, cpu = 22, gpuNvidia = 24, cudaVersion = 25
    }

    static func environment(in bytes: [UInt8]) -> WandbEnvironment? {
        var index = 0
        // Tag of field 26, length-delimited: (26 << 3) | 2 = 210 = 0xD2 0x01.
        while index + 3 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0xD2, bytes[index + 1] == 0x01 else { continue }
            var cursor = index + 2
            guard let length = varint(bytes[...], &cursor), length > 0, length <= UInt64(bytes.count - cursor) else { continue }
            let body = bytes[cursor ..< cursor + Int(length)]
            if let decoded = decode(body), decoded.os != nil, decoded.python != nil { return decoded }
        }
        return nil
    }

    /// One protobuf field: its number and either a varint or the bytes it delimits.
    private struct FieldValue {
        var number: Int
        var integer: UInt64?
        var bytes: ArraySlice<UInt8>?

        var text: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The fields of a message; nil when the bytes are not one.
    private static func fields(_ bytes: ArraySlice<UInt8>) -> [FieldValue]? {
        var result: [FieldValue] = []
        var cursor = bytes.startIndex
        while cursor < bytes.endIndex {
            guard let key = varint(bytes, &cursor), key >> 3 > 0, key >> 3 < 1 << 20 else { return nil }
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard let value = varint(bytes, &cursor) else { return nil }
                result.append(FieldValue(number: number, integer: value))
            case 1:
                guard bytes.endIndex - cursor >= 8 else { return nil }
                cursor += 8
            case 2:
                guard let length = varint(bytes, &cursor), length <= UInt64(bytes.endIndex - cursor) else { return nil }
                result.append(FieldValue(number: number, bytes: bytes[cursor ..< cursor + Int(length)]))
                cursor += Int(length)
            case 5:
                guard bytes.endIndex - cursor >= 4 else { return nil }
                cursor += 4
            default:
                return nil
            }
        }
        return result
    }

    private static func decode(_ body: ArraySlice<UInt8>) -> WandbEnvironment? {
        guard let list = fields(body), list.first?.number == Field.os else { return nil }
        var environment = WandbEnvironment()
        func small(_ value: UInt64?) -> Int? { value.flatMap { $0 <= UInt64(Int32.max) ? Int($0) : nil } }
        for field in list {
            switch field.number {
            case Field.os: environment.os = field.text
            case Field.python: environment.python = field.text
            case Field.git:
                environment.gitCommit = field.bytes.flatMap(fields)?.first { $0.number == 2 }?.text
            case Field.cpuCount: environment.cpuCount = small(field.integer)
            case Field.cpuCountLogical: environment.cpuCountLogical = small(field.integer)
            case Field.gpuType: environment.gpuType = field.text
            case Field.gpuCount: environment.gpuCount = small(field.integer)
            case Field.memory:
                environment.memoryTotal = field.bytes.flatMap(fields)?.first { $0.number == 1 }?.integer
            case Field.cpu:
                environment.cpuModel = field.bytes.flatMap(fields)?.first { $0.number == 3 }?.text
            case Field.gpuNvidia:
                if let name = field.bytes.flatMap(fields)?.first(where: { $0.number == 1 })?.text { environment.gpuNames.append(name) }
            case Field.cudaVersion: environment.cudaVersion = field.text
            default: continue
            }
        }
        return environment
    }

    /// A base-128 varint at `cursor` (at most 10 bytes); nil when cut off or too long.
    private static func varint(_ bytes: ArraySlice<UInt8>, _ cursor: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while cursor < bytes.endIndex, shift < 64 {
            let byte = bytes[cursor]
            cursor += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
