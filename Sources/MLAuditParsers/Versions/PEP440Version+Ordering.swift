/// PEP 440 ordering: epoch, then the zero-padded release, then
/// dev-only < pre-releases < final < post releases (each with its own dev releases
/// first), then no local label < any local label.
extension PEP440Version: Comparable, Hashable {
    public static func == (lhs: PEP440Version, rhs: PEP440Version) -> Bool { compare(lhs, rhs) == 0 }

    public static func < (lhs: PEP440Version, rhs: PEP440Version) -> Bool { compare(lhs, rhs) < 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        var significant = release.count
        while significant > 1, release[significant - 1] == 0 { significant -= 1 }
        for index in 0..<significant { hasher.combine(release[index]) }
        hasher.combine(pre)
        hasher.combine(post)
        hasher.combine(dev)
        hasher.combine(local)
    }

    /// Negative, zero or positive as `lhs` sorts before, equal to or after `rhs`.
    public static func compare(_ lhs: PEP440Version, _ rhs: PEP440Version) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let release = compareRelease(lhs, rhs)
        if release != 0 { return release }
        let pre = compareKeys(lhs.preKey, rhs.preKey)
        if pre != 0 { return pre }
        // No post release sorts before any post release.
        let post = compareKeys(lhs.post.map { ($0, 0) } ?? (-1, 0), rhs.post.map { ($0, 0) } ?? (-1, 0))
        if post != 0 { return post }
        // No dev release sorts after any dev release.
        let dev = compareKeys(lhs.dev.map { ($0, 0) } ?? (Int.max, 0), rhs.dev.map { ($0, 0) } ?? (Int.max, 0))
        if dev != 0 { return dev }
        return compareLocal(lhs.local, rhs.local)
    }

    /// Releases compare as if the shorter were padded with zeros.
    static func compareRelease(_ lhs: PEP440Version, _ rhs: PEP440Version) -> Int {
        let count = max(lhs.release.count, rhs.release.count)
        for index in 0..<count {
            let a = lhs.releaseNumber(at: index), b = rhs.releaseNumber(at: index)
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }

    /// A dev release of a final version (`1.0.dev0`) sorts before its pre-releases;
    /// a version without a pre-release sorts after them.
    var preKey: (Int, Int) {
        if let pre { return (pre.kind.rawValue, pre.number) }
        if post == nil, dev != nil { return (-1, 0) }
        return (Int.max, 0)
    }

    static func compareKeys(_ a: (Int, Int), _ b: (Int, Int)) -> Int {
        if a.0 != b.0 { return a.0 < b.0 ? -1 : 1 }
        if a.1 != b.1 { return a.1 < b.1 ? -1 : 1 }
        return 0
    }

    static func compareLocal(_ lhs: [LocalSegment], _ rhs: [LocalSegment]) -> Int {
        for index in 0..<min(lhs.count, rhs.count) where lhs[index] != rhs[index] {
            return lhs[index] < rhs[index] ? -1 : 1
        }
        if lhs.count != rhs.count { return lhs.count < rhs.count ? -1 : 1 }
        return 0
    }
}
