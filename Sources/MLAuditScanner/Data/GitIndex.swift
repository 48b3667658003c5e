import Foundation
/// The paths tracked in a git index file (`.git/index`), read without running git.
/// Versions 2, 3 and 4 (whose path names are prefix-compressed) are understood.
/// A split index (`link` extension) or a sparse index (directory entries) keeps
/// part of the list elsewhere, so it is reported as unusable rather than read partially.
struct GitIndex {
    enum ReadError: Error, Equatable, CustomStringConvertible {
        /// The file is not an index or is cut short (offset of the problem).
        case malformed(String)
        /// A valid index whose entries are not all in this file.
        case unsupported(String)

        var description: String {
            switch self {
            case .malformed(let reason), .unsupported(let reason): reason
            }
        }
    }

    /// Tracked paths, `/`-separated, relative to the top of the work tree.
    var paths: [String]

    /// Parses an index. `objectIDLength` is 20 for SHA-1 repositories and 32 for SHA-256 ones.
    static func parse(_ bytes: [UInt8], objectIDLength: Int = 20) throws(ReadError) -> GitIndex {
        var reader = ByteReader(bytes: bytes)
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("DIRC".utf8) else {
            throw .malformed("not a git index (no DIRC signature)")
        }
        reader.offset = 4
        let version = try reader.uint32()
        guard (2...4).contains(version) else { throw .unsupported("index version \(version) is not supported") }
        let count = Int(try reader.uint32())
        // Each entry takes at least 62 bytes, so a count beyond that is corrupt, not a reason to reserve memory.
        guard count <= bytes.count / 40 else { throw .malformed("index claims \(count) entries in \(bytes.count) bytes") }
        var paths: [String] = []
        paths.reserveCapacity(count)
        var previous: [UInt8] = []
        for _ in 0..<count {
            let start = reader.offset
            try reader.skip(24)
            let mode = try reader.uint32()
            try reader.skip(12 + objectIDLength)
            let flags = try reader.uint16()
            var skipWorktree = false
            if flags & 0x4000 != 0 {
                guard version >= 3 else { throw .malformed("extended flags in a version \(version) index at byte \(start)") }
                skipWorktree = try reader.uint16() & 0x4000 != 0
            }
            if version == 4 {
                let strip = try reader.varint()
                guard strip <= previous.count else { throw .malformed("bad path compression at byte \(reader.offset)") }
                previous.removeLast(strip)
                previous += try reader.cString()
                paths.append(String(decoding: previous, as: UTF8.self))
            } else {
                paths.append(String(decoding: try reader.cString(), as: UTF8.self))
                // Entries are padded with NULs to a multiple of eight bytes (at least one NUL, already read).
                let length = reader.offset - start
                let padded = (length + 7) & ~7
                try reader.skip(padded - length)
            }
            if mode & 0o170000 == 0o040000 && skipWorktree {
                throw .unsupported("sparse index (directory entries stand for untracked trees)")
            }
        }
        // Extensions: 4-byte signature, 4-byte size. Only a split index changes what is tracked.
        while reader.remaining >= 8 + objectIDLength {
            let signature = String(decoding: bytes[reader.offset..<(reader.offset + 4)], as: UTF8.self)
            reader.offset += 4
            let size = Int(try reader.uint32())
            if signature == "link" { throw .unsupported("split index (most entries live in a shared index file)") }
            if signature == "sdir" { throw .unsupported("sparse index (directory entries stand for untracked trees)") }
            try reader.skip(size)
        }
        return GitIndex(paths: paths)
    }
}

/// Reads big-endian integers and strings from bytes, failing instead of trapping at the end.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var remaining: Int { bytes.count - offset }

    mutating func skip(_ n: Int) throws(GitIndex.ReadError) {
        guard n >= 0, n <= remaining else { throw .malformed("index cut short at byte \(offset)") }
        offset += n
    }

    mutating func uint32() throws(GitIndex.ReadError) -> UInt32 {
        guard remaining >= 4 else { throw .malformed("index cut short at byte \(offset)") }
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    mutating func uint16() throws(GitIndex.ReadError) -> UInt16 {
        guard remaining >= 2 else { throw .malformed("index cut short at byte \(offset)") }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    /// The bytes up to the next NUL, which is consumed.
    mutating func cString() throws(GitIndex.ReadError) -> ArraySlice<UInt8> {
        let start = offset
        let end: Int? = bytes.withUnsafeBufferPointer { buffer in
            guard start < buffer.count, let base = buffer.baseAddress,
                  let found = memchr(base + start, 0, buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        guard let end else { throw .malformed("unterminated path at byte \(offset)") }
        offset = end + 1
        return bytes[start..<end]
    }

    /// Git's offset encoding: 7 bits a byte, high bit = more, each continuation adds one.
    mutating func varint() throws(GitIndex.ReadError) -> Int {
        guard remaining >= 1 else { throw .malformed("index cut short at byte \(offset)") }
        var byte = bytes[offset]
        offset += 1
        var value = Int(byte & 0x7F)
        var shifts = 0
        while byte & 0x80 != 0 {
            // No path is anywhere near 2^40 bytes long: stop long before `value` could overflow.
            guard remaining >= 1, shifts < 8, value < 1 << 40 else { throw .malformed("bad path compression at byte \(offset)") }
            byte = bytes[offset]
            offset += 1
            value = ((value + 1) << 7) | Int(byte & 0x7F)
            shifts += 1
        }
        return value
    }
}
