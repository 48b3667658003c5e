/// A comma-separated list of version specifiers that must all match: `>=1.0,!=1.3.*,<2`.
public struct PEP440SpecifierSet: Sendable, Hashable, CustomStringConvertible {
    public var specifiers: [PEP440Specifier]

    public init(_ specifiers: [PEP440Specifier] = []) {
        self.specifiers = specifiers
    }

    /// Parses `text` (empty or blank means "any version"); one trailing comma is allowed.
    public init(_ text: String) throws(PEP440SpecifierError) {
        specifiers = try PEP440SpecifierParser.parse(text)
    }

    /// Checks the clauses split off by `RequirementSpec`.
    public init(_ specifiers: [VersionSpecifier]) throws(PEP440SpecifierError) {
        var parsed: [PEP440Specifier] = []
        for specifier in specifiers { parsed.append(try PEP440Specifier(specifier)) }
        self.specifiers = parsed
    }

    public var description: String { specifiers.map(\.description).joined(separator: ",") }

    /// Whether some clause names a pre-release (so pre-releases match by default).
    public var allowsPrereleases: Bool { specifiers.contains(where: \.allowsPrereleases) }

    /// Whether every clause matches `candidate`. A pre-release candidate is accepted
    /// only when `prereleases` is true, or when it is nil and some clause names a
    /// pre-release; pass `true` for versions that are already installed.
    public func contains(_ candidate: PEP440Version, prereleases: Bool? = nil) -> Bool {
        if candidate.isPrerelease, !(prereleases ?? allowsPrereleases) { return false }
        return specifiers.allSatisfy { $0.matches(candidate) }
    }

    /// Like `contains(_:prereleases:)` for version text as written, so that `===`
    /// compares the text itself. Text that is not a PEP 440 version can match only
    /// `===` clauses.
    public func contains(_ candidateText: String, prereleases: Bool? = nil) -> Bool {
        let trimmed = candidateText.trimmingSpaces()
        guard let candidate = PEP440Version(trimmed) else {
            return !specifiers.isEmpty
                && specifiers.allSatisfy { $0.op == .arbitraryEqual && PEP440Specifier.sameText(trimmed, $0.versionText) }
        }
        if candidate.isPrerelease, !(prereleases ?? allowsPrereleases) { return false }
        return specifiers.allSatisfy { specifier in
            specifier.op == .arbitraryEqual
                ? PEP440Specifier.sameText(trimmed, specifier.versionText) : specifier.matches(candidate)
        }
    }

    /// The single version an exact clause (`==V` without wildcard, or `===V` with a
    /// PEP 440 version) selects, when the whole set admits it.
    public var pinsExactly: PEP440Version? {
        for specifier in specifiers where !specifier.isWildcard && (specifier.op == .equal || specifier.op == .arbitraryEqual) {
            guard let version = specifier.version else { continue }
            return contains(version, prereleases: true) ? version : nil
        }
        return nil
    }
}
