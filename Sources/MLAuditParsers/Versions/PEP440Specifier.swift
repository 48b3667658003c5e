/// One clause of a PEP 440 version specifier: `>=2.1`, `==1.4.*`, `~=2.2.0`, `===foo`.
public struct PEP440Specifier: Sendable, Hashable, CustomStringConvertible {
    public var op: VersionOperator
    /// The version as written, without surrounding whitespace (with its `.*` if any).
    public var versionText: String
    /// The parsed version (for a wildcard: its release prefix). Nil only for an
    /// `===` clause whose text is not a PEP 440 version.
    public var version: PEP440Version?
    /// `==V.*` or `!=V.*`.
    public var isWildcard: Bool

    /// Parses one clause such as `>= 1.0`; throws with the reason when PEP 440
    /// does not allow it (`~=1`, `<=1.0.*`, `>=1.0+local`).
    public init(_ text: String) throws(PEP440SpecifierError) {
        let set = try PEP440SpecifierSet(text)
        guard set.specifiers.count == 1 else {
            throw PEP440SpecifierError(reason: set.specifiers.isEmpty ? "missing version specifier"
                                       : "expected one version specifier, found \(set.specifiers.count)",
                                       offset: 0)
        }
        self = set.specifiers[0]
    }

    /// Checks a clause split off by `RequirementSpec`.
    public init(_ specifier: VersionSpecifier) throws(PEP440SpecifierError) {
        try self.init(specifier.description)
    }

    init(op: VersionOperator, versionText: String, version: PEP440Version?, isWildcard: Bool) {
        self.op = op
        self.versionText = versionText
        self.version = version
        self.isWildcard = isWildcard
    }

    public var description: String { op.rawValue + versionText }

    /// Whether the clause names a pre-release, which lets it match pre-releases
    /// by default (`>=1.0b1`); `!=` never does.
    public var allowsPrereleases: Bool { op != .notEqual && version?.isPrerelease == true }

    /// PEP 440 matching, pre-releases included only when `prereleases` is true, or
    /// when it is nil and the clause itself names a pre-release.
    public func contains(_ candidate: PEP440Version, prereleases: Bool? = nil) -> Bool {
        if candidate.isPrerelease, !(prereleases ?? allowsPrereleases) { return false }
        return matches(candidate)
    }

    /// The operator's rule alone, with no pre-release filtering.
    public func matches(_ candidate: PEP440Version) -> Bool {
        guard let version else { return op == .arbitraryEqual && Self.sameText(candidate.description, versionText) }
        // Local labels of candidates are ignored unless an `==`/`!=` clause has one.
        let candidatePublic = candidate.publicVersion
        switch op {
        case .arbitraryEqual:
            return Self.sameText(candidate.description, versionText)
        case .equal:
            return equals(candidate, version)
        case .notEqual:
            return !equals(candidate, version)
        case .compatible:
            return candidatePublic >= version
                && Self.hasPrefix(candidate, epoch: version.epoch, release: version.release.dropLast())
        case .lessOrEqual:
            return candidatePublic <= version
        case .greaterOrEqual:
            return candidatePublic >= version
        case .less:
            // `<V` excludes pre-releases of V's release unless V is a pre-release.
            guard candidatePublic < version else { return false }
            return version.isPrerelease || !candidate.isPrerelease || !Self.sameRelease(candidate, version)
        case .greater:
            // `>V` excludes post releases of V's release unless V is a post release,
            // and (by comparing public versions) local versions of V.
            guard candidatePublic > version else { return false }
            return version.isPostRelease || !candidate.isPostRelease || !Self.sameRelease(candidate, version)
        }
    }

    func equals(_ candidate: PEP440Version, _ version: PEP440Version) -> Bool {
        if isWildcard { return Self.hasPrefix(candidate, epoch: version.epoch, release: version.release[...]) }
        return version.local.isEmpty ? candidate.publicVersion == version : candidate == version
    }

    /// Same epoch, and the zero-padded release starts with `release`.
    static func hasPrefix(_ candidate: PEP440Version, epoch: Int, release: ArraySlice<Int>) -> Bool {
        guard candidate.epoch == epoch else { return false }
        for (offset, number) in release.enumerated() where candidate.releaseNumber(at: offset) != number {
            return false
        }
        return true
    }

    /// Same epoch and release (zero-padded), whatever the pre/post/dev parts.
    static func sameRelease(_ a: PEP440Version, _ b: PEP440Version) -> Bool {
        a.epoch == b.epoch && PEP440Version.compareRelease(a, b) == 0
    }

    /// `===` is string equality, ignoring ASCII case.
    static func sameText(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8, by: { ASCIIByte.lowercased($0) == ASCIIByte.lowercased($1) })
    }
}
