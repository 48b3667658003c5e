/// Pulls top-level string members out of a JSON object without building
/// the document. conda-meta records carry long `files`/`paths_data` arrays
/// before the few fields a manifest needs; skipping them at byte level keeps
/// large conda environments fast.
enum JSONTopLevelScanner {
    /// The first value of each wanted key among the outermost object's
    /// members whose value is a string. `nil` when `bytes` is not an object.
    static func strings(in bytes: [UInt8], keys wanted: Set<String>) -> [String: String]? {
        bytes.withUnsafeBufferPointer { buffer -> [String: String]? in
            var index = 0
            skipWhitespace(buffer, &index)
            guard index < buffer.count, buffer[index] == 0x7b else { return nil }
            index += 1
            var found: [String: String] = [:]
            while index < buffer.count {
                skipWhitespace(buffer, &index)
                guard index < buffer.count else { return nil }
                if buffer[index] == 0x7d { return found }
                if buffer[index] == 0x2c { index += 1; continue }
                guard buffer[index] == 0x22, let key = readString(buffer, &index) else { return nil }
                skipWhitespace(buffer, &index)
                guard index < buffer.count, buffer[index] == 0x3a else { return nil }
                index += 1
                skipWhitespace(buffer, &index)
                guard index < buffer.count else { return nil }
                if buffer[index] == 0x22 {
                    guard let value = readString(buffer, &index) else { return nil }
                    if wanted.contains(key), found[key] == nil { found[key] = value }
                    if found.count == wanted.count { return found }
                } else {
                    guard skipValue(buffer, &index) else { return nil }
                }
            }
            return nil
        }
    }

    private static func skipWhitespace(_ buffer: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < buffer.count {
            let byte = buffer[index]
            guard byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 else { return }
            index += 1
        }
    }

    /// Reads a string starting at the opening quote; decodes the common
    /// escapes (`\uXXXX` outside the BMP pairs is kept simple).
    private static func readString(_ buffer: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> String? {
        index += 1
        let start = index
        var hasEscape = false
        while index < buffer.count {
            let byte = buffer[index]
            if byte == 0x22 {
                let raw = UnsafeBufferPointer(rebasing: buffer[start ..< index])
                index += 1
                return hasEscape ? unescape(raw) : String(decoding: raw, as: UTF8.self)
            }
            if byte == 0x5c { hasEscape = true; index += 2; continue }
            index += 1
        }
        return nil
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == 0x5c, index + 1 < raw.count else { out.append(byte); index += 1; continue }
            let next = raw[index + 1]
            index += 2
            switch next {
            case 0x6e: out.append(0x0a)
            case 0x74: out.append(0x09)
            case 0x72: out.append(0x0d)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0c)
            case 0x75:
                guard index + 4 <= raw.count,
                      let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: raw[index ..< index + 4]), as: UTF8.self), radix: 16)
                else { continue }
                index += 4
                out.append(contentsOf: String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
            default: out.append(next)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Skips a non-string value: number, literal, or a nested array/object
    /// (strings inside are skipped with their escapes).
    private static func skipValue(_ buffer: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool {
        var depth = 0
        while index < buffer.count {
            let byte = buffer[index]
            switch byte {
            case 0x22:
                index += 1
                while index < buffer.count, buffer[index] != 0x22 {
                    index += buffer[index] == 0x5c ? 2 : 1
                }
                index += 1
                if depth == 0 { return true }
                continue
            case 0x5b, 0x7b:
                depth += 1
            case 0x5d, 0x7d:
                if depth == 0 { return true } // end of the enclosing object
                depth -= 1
                if depth == 0 { index += 1; return true }
            case 0x2c:
                if depth == 0 { return true }
            default: break
            }
            index += 1
        }
        return depth == 0
    }
}
