/// A conda package match specification as written in environment.yml or on a
/// `conda install` command line: `[channel::]name[ version[ build]]`,
/// `name=version[=build]`, `name==version`, `name>=1.2,<2`, `name[version='1.2.3']`.
///
/// Conda semantics (conda `MatchSpec`): `name==1.11` is exact; `name=1.11` is fuzzy,
/// i.e. `1.11.*` (so also 1.11.1, 1.11.2 …); `name=1.11.1=h1234_0` (with a build) is
/// exact; `name 1.11.1` (space, no operator) is exact.
public struct CondaMatchSpec: Sendable, Hashable {
    public enum Pinning: Sendable, Hashable {
        /// A single version: `==V`, `=V=BUILD`, `name V`, `[version='V']`.
        case exact(version: String)
        /// `=V` (conda reads it as `V.*`), without further operators or wildcards.
        case prefix(version: String)
        /// Ranges, wildcards, alternatives: `>=1.2`, `1.2.*`, `1.2|1.3`, `!=1.2`.
        case range
        /// No version at all.
        case unversioned
    }

    public var channel: String?
    public var name: String
    /// The version part as written (operators included), if any.
    public var version: String?
    public var build: String?
    public var pinning: Pinning

    public init(channel: String?, name: String, version: String?, build: String?, pinning: Pinning) {
        self.channel = channel
        self.name = name
        self.version = version
        self.build = build
        self.pinning = pinning
    }

    /// Pinned for reproducibility: an exact version, or `=X.Y.Z` giving at least three
    /// release components (conda's implied `.*` then only admits versions with extra
    /// components, which released packages practically never have). `=X.Y` is not pinned.
    public var isPinned: Bool {
        switch pinning {
        case .exact: return true
        case .prefix(let version): return Self.releaseComponents(version) >= 3
        case .range, .unversioned: return false
        }
    }

    /// Number of dot-separated release components, epoch (`N!`) and local part (`+x`) left out.
    public static func releaseComponents(_ version: String) -> Int {
        var v = Substring(version)
        if let bang = v.firstIndex(of: "!") { v = v[v.index(after: bang)...] }
        if let plus = v.firstIndex(of: "+") { v = v[..<plus] }
        return v.split(separator: ".", omittingEmptySubsequences: false).count
    }

    static let operatorCharacters: Set<Character> = ["<", ">", "!", "~", "=", ",", "|", "*"]

    /// Whether a version string names one version (no operator, wildcard or alternative).
    static func isPlainVersion(_ v: Substring) -> Bool {
        !v.isEmpty && !v.contains(where: { operatorCharacters.contains($0) || $0 == " " })
    }

    /// Parses a match spec; nil for an empty or nameless string.
    public static func parse(_ text: Substring) -> CondaMatchSpec? {
        var s = Substring(text.trimmingCondaSpaces())
        guard !s.isEmpty else { return nil }
        var channel: String?
        if let sep = s.firstRange(of: "::") {
            channel = String(s[..<sep.lowerBound])
            s = s[sep.upperBound...]
        }
        let nameEnd = s.firstIndex(where: { " =<>!~[".contains($0) }) ?? s.endIndex
        let name = String(s[..<nameEnd])
        guard !name.isEmpty else { return nil }
        var rest = Substring(s[nameEnd...].trimmingCondaSpaces())

        var bracketVersion: Substring?
        var bracketBuild: Substring?
        if rest.hasPrefix("["), let close = rest.lastIndex(of: "]") {
            for pair in rest[rest.index(after: rest.startIndex)..<close].split(separator: ",") {
                guard let eq = pair.firstIndex(of: "=") else { continue }
                let key = pair[..<eq].trimmingCondaSpaces()
                var value = Substring(pair[pair.index(after: eq)...].trimmingCondaSpaces())
                if value.count >= 2, let q = value.first, q == "'" || q == "\"", value.last == q {
                    value = value.dropFirst().dropLast()
                }
                if key == "version" { bracketVersion = value }
                if key == "build" { bracketBuild = value }
            }
            rest = rest[..<rest.startIndex]
        }
        if let v = bracketVersion {
            let pinning: Pinning
            if v.hasPrefix("=="), isPlainVersion(v.dropFirst(2)) {
                pinning = .exact(version: String(v.dropFirst(2)))
            } else if isPlainVersion(v) {
                pinning = .exact(version: String(v))
            } else {
                pinning = .range
            }
            return CondaMatchSpec(channel: channel, name: name, version: String(v), build: bracketBuild.map(String.init), pinning: pinning)
        }
        guard !rest.isEmpty else {
            return CondaMatchSpec(channel: channel, name: name, version: nil, build: nil, pinning: .unversioned)
        }

        // Split version and build: "==1.2 build", "=1.2=build", "1.2 build".
        var version = rest
        var build: Substring?
        if rest.hasPrefix("==") {
            let body = rest.dropFirst(2)
            if let sep = body.firstIndex(where: { $0 == " " || $0 == "=" }) {
                version = rest[..<sep]
                build = body[body.index(after: sep)...]
            }
        } else if rest.hasPrefix("=") {
            let body = rest.dropFirst()
            if let sep = body.firstIndex(where: { $0 == " " || $0 == "=" }) {
                version = rest[..<sep]
                build = body[body.index(after: sep)...]
            }
        } else if let sep = rest.firstIndex(of: " "), !rest[..<sep].contains(where: { "<>!~,|".contains($0) }) {
            version = rest[..<sep]
            build = rest[rest.index(after: sep)...]
        }
        let buildText = build.map { String($0.trimmingCondaSpaces()) }.flatMap { $0.isEmpty ? nil : $0 }
        let pinning: Pinning
        if version.hasPrefix("==") {
            let v = version.dropFirst(2)
            pinning = isPlainVersion(v) ? .exact(version: String(v)) : .range
        } else if version.hasPrefix("=") {
            let v = version.dropFirst()
            if !isPlainVersion(v) {
                pinning = .range
            } else if buildText != nil {
                pinning = .exact(version: String(v))
            } else {
                pinning = .prefix(version: String(v))
            }
        } else if isPlainVersion(version) {
            pinning = .exact(version: String(version))
        } else {
            pinning = .range
        }
        return CondaMatchSpec(channel: channel, name: name, version: String(version), build: buildText, pinning: pinning)
    }
}

extension StringProtocol {
    func trimmingCondaSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
