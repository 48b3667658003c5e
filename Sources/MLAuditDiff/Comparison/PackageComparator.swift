import MLAuditCore

/// ENV001 (version or build changed) and ENV002 (added or removed) for Python
/// and conda packages.
enum PackageComparator {
    /// conda names whose PyPI distribution is spelled differently.
    static let condaToPyPI: [String: String] = ["pytorch": "torch", "py-opencv": "opencv-python", "pytorch-lightning": "pytorch-lightning"]

    /// Packages `pip freeze` and lockfiles leave out.
    static let installerTools: Set<String> = ["pip", "setuptools", "wheel", "distribute"]

    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        let old = context.old, new = context.new
        var differences: [Difference] = []
        var skipped: [SkippedSection] = []
        var compared = false
        /// Names (as PyPI-normalised keys) already compared, so a package seen in both
        /// ecosystems is reported once.
        var handled: Set<String> = []
        var oneSided: [(RecordedPackage, isOld: Bool)] = []

        for ecosystem in PackageEcosystem.allCases.reversed() {
            let oldSet = old.packages[ecosystem], newSet = new.packages[ecosystem]
            guard let oldSet, let newSet else {
                if oldSet != nil || newSet != nil {
                    skipped.append(SkippedSection(section: .packages, label: "\(ecosystem.label) packages",
                                                  reason: context.missingReason(oldHas: oldSet != nil, newHas: newSet != nil)))
                }
                continue
            }
            compared = true
            for (name, before) in oldSet where !context.options.ignores(name) {
                guard let after = newSet[name] else {
                    oneSided.append((before, true))
                    continue
                }
                let key = matchKey(before)
                if let difference = versionDifference(before, after, context: context, sameEcosystem: true), !handled.contains(key) {
                    differences.append(difference)
                }
                handled.insert(key)
            }
            for (name, after) in newSet where oldSet[name] == nil && !context.options.ignores(name) {
                oneSided.append((after, false))
            }
        }

        for (package, isOld) in oneSided {
            let key = matchKey(package)
            let otherSide = isOld ? new : old
            if let counterpart = counterpart(of: package, in: otherSide) {
                if handled.contains(key) { continue }
                handled.insert(key)
                let (before, after) = isOld ? (package, counterpart) : (counterpart, package)
                if let difference = versionDifference(before, after, context: context, sameEcosystem: false) {
                    differences.append(difference)
                }
                continue
            }
            if package.ecosystem == .pypi, installerTools.contains(package.name), (isOld ? new : old).omitsInstallerTools { continue }
            differences.append(presenceDifference(package, removed: isOld, context: context))
        }

        if !compared && skipped.isEmpty {
            return .skipped([SkippedSection(section: .packages, label: "packages", reason: context.missingReason(oldHas: false, newHas: false))])
        }
        if !compared { return .skipped(skipped) }
        return skipped.isEmpty ? .compared(differences) : .partial(differences, skipped)
    }

    /// The PyPI-style name a package is matched under across ecosystems.
    static func matchKey(_ package: RecordedPackage) -> String {
        package.ecosystem == .conda ? PackageName.normalized(condaToPyPI[package.name] ?? package.name) : package.name
    }

    /// The same package recorded in the other ecosystem of `recording`, if any.
    static func counterpart(of package: RecordedPackage, in recording: EnvironmentRecording) -> RecordedPackage? {
        switch package.ecosystem {
        case .pypi:
            guard let conda = recording.packages[.conda] else { return nil }
            if let direct = conda[package.name] { return direct }
            return conda.values.first { matchKey($0) == package.name }
        case .conda:
            return recording.packages[.pypi]?[matchKey(package)]
        }
    }

    static func versionDifference(_ old: RecordedPackage, _ new: RecordedPackage, context: ComparisonContext,
                                  sameEcosystem: Bool) -> Difference? {
        guard !old.version.isEmpty, !new.version.isEmpty else { return nil }
        let ecosystem = sameEcosystem ? old.ecosystem : .pypi
        var change = VersionClassifier.classify(old.version, new.version, ecosystem: ecosystem)
        var oldShown = old.version, newShown = new.version
        var detail = ""
        // A changed local label is a different build whatever else changed: the highest level wins.
        let oldLocal = localLabel(old.version), newLocal = localLabel(new.version)
        var publicChange: PackageChange?
        if oldLocal != newLocal, let found = change, found != .local, found.severity < .error {
            publicChange = found
            change = .local
        }
        if change == nil {
            if sameEcosystem, old.ecosystem == .conda, let a = old.build, let b = new.build, a != b {
                change = .build
                oldShown += " (\(a))"
                newShown += " (\(b))"
                detail = "\(a) → \(b)"
            } else if let a = old.commit, let b = new.commit, a != b {
                change = .commit
                oldShown += " @\(a.prefix(12))"
                newShown += " @\(b.prefix(12))"
                detail = "\(a.prefix(12)) → \(b.prefix(12))"
            } else if let a = old.archiveHash, let b = new.archiveHash, a != b {
                change = .archive
                oldShown += " (\(a.prefix(19)))"
                newShown += " (\(b.prefix(19)))"
                detail = "\(a.prefix(19)) → \(b.prefix(19))"
            }
        }
        guard let change else { return nil }
        let item = itemName(old)
        var message = "\(item) \(old.version) → \(new.version): \(change.explanation)"
        if let publicChange {
            message = "\(item) \(old.version) → \(new.version): \(publicChange.explanation), and the local build label changed "
                + "(\(oldLocal ?? "none") → \(newLocal ?? "none")): a different build of the package"
        }
        switch change {
        case .build, .commit, .archive: message = "\(item) \(old.version): \(change.explanation) (\(detail))"
        default: break
        }
        if !sameEcosystem { message += "; installed by \(new.ecosystem.label) now, by \(old.ecosystem.label) before" }
        return Difference(ruleID: "ENV001", section: .packages, item: item, old: oldShown, new: newShown,
                          severity: change.severity, message: message, place: context.place(old.place))
    }

    /// The part after `+` (`cu121`), if any.
    static func localLabel(_ version: String) -> String? {
        guard let plus = version.firstIndex(of: "+") else { return nil }
        return String(version[version.index(after: plus)...]).lowercased()
    }

    static func presenceDifference(_ package: RecordedPackage, removed: Bool, context: ComparisonContext) -> Difference {
        let item = itemName(package)
        let version = package.version.isEmpty ? "" : " \(package.version)"
        let message = removed
            ? "\(item)\(version) is in \(context.old.source) but not in \(context.new.source)"
            : "\(item)\(version) is in \(context.new.source) but was not in \(context.old.source)"
        let shown = package.version.isEmpty ? "present" : package.version
        return Difference(ruleID: "ENV002", section: .packages, item: item, old: removed ? shown : nil, new: removed ? nil : shown,
                          severity: removed ? .error : .note, message: message,
                          place: removed ? context.place(package.place) : context.defaultPlace)
    }

    static func itemName(_ package: RecordedPackage) -> String {
        package.ecosystem == .pypi ? package.name : "\(package.name) (conda)"
    }
}

extension PackageEcosystem {
    var label: String {
        switch self {
        case .pypi: "Python"
        case .conda: "conda"
        }
    }
}
