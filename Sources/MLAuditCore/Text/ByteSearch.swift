extension String {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes. With Foundation
    /// imported, `contains(_:)` on strings goes through CFString, which profiles of
    /// per-call checks showed to cost more than the analysis around it.
    public func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                for start in 0...(h.count - n.count) where h[start] == first {
                    var k = 1
                    while k < n.count, h[start + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                return false
            }
        }
    }
}
