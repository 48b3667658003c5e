/// Byte-level reading of RFC 822 style headers ("Name: value" lines, a
/// blank line ending the header), the format of Python's METADATA/PKG-INFO
/// and of dpkg's status file.
enum RFC822 {
    /// Offset just past the blank line ending the first header, if present.
    static func headerEnd(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var lineStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if lineStart {
                if byte == 0x0a { return index + 1 }
                if byte == 0x0d, index + 1 < bytes.count, bytes[index + 1] == 0x0a { return index + 2 }
            }
            lineStart = byte == 0x0a
            index += 1
        }
        return nil
    }

    /// Values of the wanted fields (first occurrence, case-insensitive names)
    /// in the header at the start of `bytes`. Continuation lines are ignored:
    /// none of the fields mlaudit reads are folded.
    static func fields(in bytes: [UInt8], wanted: [String]) -> [String: String] {
        let lowered = wanted.map { Array($0.lowercased().utf8) }
        var found: [String: String] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            var lineStart = 0
            while lineStart < buffer.count, found.count < wanted.count {
                var lineEnd = lineStart
                while lineEnd < buffer.count, buffer[lineEnd] != 0x0a { lineEnd += 1 }
                var contentEnd = lineEnd
                if contentEnd > lineStart, buffer[contentEnd - 1] == 0x0d { contentEnd -= 1 }
                if contentEnd == lineStart { break } // blank line: end of header
                let first = buffer[lineStart]
                if first != 0x20, first != 0x09 {
                    for (index, name) in lowered.enumerated() where found[wanted[index]] == nil {
                        if let value = value(of: name, in: buffer, from: lineStart, to: contentEnd) {
                            found[wanted[index]] = value
                            break
                        }
                    }
                }
                lineStart = lineEnd + 1
            }
        }
        return found
    }

    /// The trimmed value when the line `[start, end)` is `name: value`
    /// (`name` given lowercased).
    static func value(of name: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String? {
        guard end - start > name.count, buffer[start + name.count] == 0x3a else { return nil }
        for offset in 0 ..< name.count {
            var byte = buffer[start + offset]
            if byte >= 0x41, byte <= 0x5a { byte |= 0x20 }
            if byte != name[offset] { return nil }
        }
        var valueStart = start + name.count + 1
        var valueEnd = end
        while valueStart < valueEnd, buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09 { valueStart += 1 }
        while valueEnd > valueStart, buffer[valueEnd - 1] == 0x20 || buffer[valueEnd - 1] == 0x09 { valueEnd -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[valueStart ..< valueEnd]), as: UTF8.self)
    }
}
