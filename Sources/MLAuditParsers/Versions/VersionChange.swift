/// The largest component in which two versions differ, for describing an upgrade
/// or downgrade (`2.1.0+cu118` → `2.1.0+cu121` is `.local`).
public enum VersionChange: Sendable, Hashable, CaseIterable {
    case none, epoch, major, minor, patch, prerelease, postrelease, devrelease, local

    /// Compares component by component, largest first; release numbers past the
    /// third count as `.patch`, and missing release numbers count as zero.
    public static func classify(from old: PEP440Version, to new: PEP440Version) -> VersionChange {
        if old.epoch != new.epoch { return .epoch }
        if old.releaseNumber(at: 0) != new.releaseNumber(at: 0) { return .major }
        if old.releaseNumber(at: 1) != new.releaseNumber(at: 1) { return .minor }
        for index in 2..<max(old.release.count, new.release.count, 2)
        where old.releaseNumber(at: index) != new.releaseNumber(at: index) {
            return .patch
        }
        if old.pre != new.pre { return .prerelease }
        if old.post != new.post { return .postrelease }
        if old.dev != new.dev { return .devrelease }
        if old.local != new.local { return .local }
        return .none
    }

    /// Whether `new` sorts after `old` in PEP 440 order.
    public static func isUpgrade(from old: PEP440Version, to new: PEP440Version) -> Bool { new > old }

    public static func direction(from old: PEP440Version, to new: PEP440Version) -> VersionChangeDirection {
        switch PEP440Version.compare(old, new) {
        case ..<0: .upgrade
        case 0: .unchanged
        default: .downgrade
        }
    }
}

/// Which way a version moved in PEP 440 order.
public enum VersionChangeDirection: Sendable, Hashable, CaseIterable {
    case upgrade, downgrade, unchanged
}

extension PEP440Version {
    /// Whether `other` sorts after this version.
    public func isUpgrade(to other: PEP440Version) -> Bool { other > self }
}
