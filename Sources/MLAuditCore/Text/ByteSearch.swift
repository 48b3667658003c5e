import Foundation

extension String {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes. With Foundation
    /// imported, `contains(_:)` on strings goes through CFString, which profiles of
    /// per-call checks showed to cost more than the analysis around it.
    public func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in ByteSearch.contains(h, n) } }
    }

    /// Whether the string ends with `suffix`, compared as UTF-8 bytes (no
    /// Unicode normalisation: for identifiers and paths).
    public func endsWithBytes(_ suffix: String) -> Bool {
        let mine = utf8, theirs = suffix.utf8
        let m = mine.count, n = theirs.count
        guard m >= n else { return false }
        guard n > 0 else { return true }
        // Native strings: the bytes compared in place (the generic comparison of the views
        // walks them index by index).
        if let answer = mine.withContiguousStorageIfAvailable({ a in
            theirs.withContiguousStorageIfAvailable { b -> Bool in
                var k = 0
                while k < n, a[m - n + k] == b[k] { k += 1 }
                return k == n
            }
        }), let answer {
            return answer
        }
        return mine[mine.index(mine.endIndex, offsetBy: -n)...].elementsEqual(theirs)
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the bytes.
    public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return withUnsafeBufferPointer { h in needle.withUTF8 { n in ByteSearch.contains(h, n) } }
    }
}

enum ByteSearch {
    /// Whether `needle` occurs in `haystack` (memchr finds each candidate first byte).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count, var p = haystack.baseAddress else { return false }
        let last = p + (haystack.count - needle.count)
        while p <= last {
            guard let hit = memchr(p, Int32(first), last - p + 1) else { return false }
            let q = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            if UnsafeBufferPointer(start: q, count: needle.count).elementsEqual(needle) { return true }
            p = q + 1
        }
        return false
    }
}
