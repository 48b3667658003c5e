import MLAuditCore

/// Line starts of a file, built once, to turn byte offsets into 1-based lines and
/// columns (columns count Unicode scalars, as `FileContext.position(ofByte:)` does).
public struct PythonLineTable: Sendable {
    public let lineStarts: [Int]

    public init(_ bytes: [UInt8]) {
        lineStarts = LineStarts.of(bytes)
    }

    /// 1-based line of a byte offset.
    public func line(ofByte offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// 1-based line and column of a byte offset.
    public func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let line = line(ofByte: offset)
        var column = 1
        var k = lineStarts[line - 1]
        let end = min(offset, bytes.count)
        while k < end {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return (line, column)
    }
}

/// Positions of offsets queried mostly in increasing order: columns are counted on
/// from the previous query on the same line, so a huge one-line file stays linear.
struct PythonPositionCursor {
    let table: PythonLineTable
    let bytes: [UInt8]
    private var line = 1
    private var offset = 0
    private var column = 1

    init(_ table: PythonLineTable, _ bytes: [UInt8]) {
        self.table = table
        self.bytes = bytes
    }

    mutating func position(ofByte target: Int) -> (line: Int, column: Int) {
        // Queries come in order: the current line or the next one is tried before a search.
        let starts = table.lineStarts
        let l: Int
        if line <= starts.count, starts[line - 1] <= target, line == starts.count || target < starts[line] {
            l = line
        } else if line < starts.count, starts[line] <= target, line + 1 == starts.count || target < starts[line + 1] {
            l = line + 1
        } else {
            l = table.line(ofByte: target)
        }
        if l != line || target < offset {
            line = l
            offset = table.lineStarts[l - 1]
            column = 1
        }
        let end = min(target, bytes.count)
        while offset < end {
            if bytes[offset] & 0xC0 != 0x80 { column += 1 }
            offset += 1
        }
        return (line, column)
    }
}
