import MLAuditCore

/// ENV001 (version or build changed) and ENV002 (added or removed) for Python
/// and conda packages.
enum PackageComparator {
    /// conda names whose PyPI distribution is spelled differently.
    static let condaToPyPI: [String: String] = ["pytorch": "torch", "py-opencv": "opencv-python", "pytorch-lightning": "pytorch-lightning"]

    /// Packages `pip freeze` and lockfiles leave out.
    static let installerTools: Set<String> = ["pip", "setuptools", "wheel", "distribute"]

    static func compare(_ context: ComparisonContext) -> SectionOutcome {
        let (old, new) = namingCheckouts(context.old, context.new)
        var differences: [Difference] = []
        var skipped: [SkippedSection] = []
        var compared = false
        /// Names (as PyPI-normalised keys) already compared, so a package seen in both
        /// ecosystems is reported once.
        var handled: Set<String> = []
        var oneSided: [(RecordedPackage, isOld: Bool)] = []
        var unlisted = 0
        /// Only a recording with both ecosystems can hold one package twice.
        let crossesEcosystems = old.packages.count > 1 || new.packages.count > 1

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
                if before.version == after.version && before.build == after.build && before.commit == after.commit
                    && before.archiveHash == after.archiveHash && !originChanged(before, after) {
                    if crossesEcosystems { handled.insert(matchKey(before)) }
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
            if package.ecosystem == .pypi, (isOld ? new : old).projectNames.contains(package.name) { continue }
            // A side that lists only the packages asked for says nothing of the others.
            if (isOld ? new : old).listsDirectRequirementsOnly && !(isOld ? old : new).listsDirectRequirementsOnly {
                unlisted += 1
                continue
            }
            differences.append(presenceDifference(package, removed: isOld, context: context))
        }
        for (side, other) in [(old, new), (new, old)] where side.listsDirectRequirementsOnly && !other.listsDirectRequirementsOnly && unlisted > 0 {
            skipped.append(SkippedSection(section: .packages, label: "\(unlisted) package\(unlisted == 1 ? "" : "s") only in \(other.source)",
                                          reason: "\(side.source) lists only its direct requirements"))
        }

        if !compared && skipped.isEmpty {
            return .skipped([SkippedSection(section: .packages, label: "packages", reason: context.missingReason(oldHas: false, newHas: false))])
        }
        if !compared { return .skipped(skipped) }
        return skipped.isEmpty ? .compared(differences) : .partial(differences, skipped)
    }

    /// An editable install named after its folder (uv's `-e file:///src/demo`) takes the
    /// name the other side gives the same checkout (pip's `# Editable … (demo==0.1.0)`).
    static func namingCheckouts(_ old: EnvironmentRecording, _ new: EnvironmentRecording) -> (EnvironmentRecording, EnvironmentRecording) {
        func renamed(_ side: EnvironmentRecording, by other: EnvironmentRecording) -> EnvironmentRecording {
            guard let packages = side.packages[.pypi], packages.values.contains(where: \.nameFromCheckout) else { return side }
            var names: [String: String] = [:]
            for package in other.packages[.pypi]?.values ?? [:].values where !package.nameFromCheckout {
                if let checkout = package.checkout { names[checkout] = package.name }
            }
            var result = side
            for (key, package) in packages where package.nameFromCheckout {
                guard let checkout = package.checkout, let name = names[checkout], name != key, packages[name] == nil else { continue }
                var moved = package
                moved.name = name
                moved.nameFromCheckout = false
                result.packages[.pypi]?[key] = nil
                result.packages[.pypi]?[name] = moved
            }
            return result
        }
        return (renamed(old, by: new), renamed(new, by: old))
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
        let ecosystem = sameEcosystem ? old.ecosystem : .pypi
        // Without a version on one side (a VCS or editable line), only commits, hashes and sources compare.
        let versionsKnown = !old.version.isEmpty && !new.version.isEmpty
        var change = versionsKnown ? VersionClassifier.classify(old.version, new.version, ecosystem: ecosystem) : nil
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
            } else if originChanged(old, new), let a = old.origin, let b = new.origin {
                change = .origin
                oldShown += " (\(a.rawValue))"
                newShown += " (\(b.rawValue))"
                detail = "from \(a.label) before, from \(b.label) now"
            }
        }
        guard let change else { return nil }
        let item = itemName(old)
        oldShown = oldShown.trimmed
        newShown = newShown.trimmed
        var message = "\(item) \(old.version) → \(new.version): \(change.explanation)"
        if let publicChange {
            message = "\(item) \(old.version) → \(new.version): \(publicChange.explanation), and the local build label changed "
                + "(\(oldLocal ?? "none") → \(newLocal ?? "none")): a different build of the package"
        }
        switch change {
        case .build, .commit, .archive, .origin:
            let version = old.version.isEmpty ? new.version : old.version
            message = "\(item)\(version.isEmpty ? "" : " " + version): \(change.explanation) (\(detail))"
        default: break
        }
        if !sameEcosystem { message += "; installed by \(new.ecosystem.label) now, by \(old.ecosystem.label) before" }
        return Difference(ruleID: "ENV001", section: .packages, item: item, old: oldShown, new: newShown,
                          severity: change.severity, message: message, place: context.place(old.place))
    }

    /// Both sides say how the package was installed, and one of them is code that may
    /// differ from the release of that version (editable, VCS or directory install).
    static func originChanged(_ old: RecordedPackage, _ new: RecordedPackage) -> Bool {
        guard let a = old.origin, let b = new.origin, a != b else { return false }
        let code: Set<PackageOrigin> = [.editable, .vcs, .directory]
        return code.contains(a) || code.contains(b)
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
