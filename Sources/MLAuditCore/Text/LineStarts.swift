#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte offsets where the lines of a text start (index 0 = line 1), found with
/// memchr: every file's line table is built this way, so it is worth the speed.
public enum LineStarts {
    public static func of(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            let count = raw.count
            while offset < count, let hit = memchr(base + offset, 0x0A, count - offset) {
                let index = base.distance(to: UnsafeRawPointer(hit))
                starts.append(index + 1)
                offset = index + 1
            }
        }
        return starts
    }
}
