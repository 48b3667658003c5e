/// A positional argument of `pip install` (and `uv pip install`, `pipx install`).
public enum PythonPackageArgument: Sendable, Hashable {
    /// A requirement by name: `torch`, `torch>=2`, `torch==2.4.1`. `isExact` when
    /// some clause is `==V` without a wildcard or `===V` (a version given by a
    /// variable, `torch==$TORCH_VERSION`, counts as exact).
    case requirement(name: String, specifier: String, isExact: Bool)
    /// A local directory, file or glob: `.`, `./pkg`, `.[dev]`, `dist/x.whl`.
    case localPath
    /// A VCS URL (`git+https://…@rev`), possibly as `name @ git+…`.
    case vcs(url: String, name: String?)
    /// A direct http(s)/ftp URL (an archive or wheel), possibly as `name @ https://…`.
    case url(url: String, name: String?)
    /// Not knowable statically: the package name comes from an unresolved variable.
    case unknown
}

/// A positional argument of `conda`/`mamba`/`micromamba install|create`.
public enum CondaPackageArgument: Sendable, Hashable {
    /// A match spec. `isExact` as `CondaMatchSpec.isPinned` decides (exact forms,
    /// or `=X.Y.Z` with three components), or when the version comes from a variable.
    case spec(name: String, constraint: String, isExact: Bool)
    case localPath
    case url
    case unknown
}

/// A positional argument of an OS package manager's install command.
public enum SystemPackageArgument: Sendable, Hashable {
    case pinned
    case unpinned(name: String)
    /// A local package file, URL, group, removal or unresolved variable.
    case skip
}

public enum PackageArguments {
    static let archiveSuffixes = [".whl", ".tar.gz", ".zip", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar", ".egg"]

    // MARK: Python

    public static func classifyPython(_ word: ShellWord) -> PythonPackageArgument {
        classifyPython(word.text)
    }

    public static func classifyPython(_ raw: String) -> PythonPackageArgument {
        let text = raw.blankTrimmed
        if text.isEmpty { return .unknown }
        let (name, url) = splitDirectReference(text)
        if let url {
            return classifyURL(url, name: name)
        }
        if text.contains("://") || hasVCSPrefix(text) { return classifyURL(text, name: nil) }
        if looksLikePath(text) { return .localPath }
        // name[extras] specifier ; marker
        let b = Array(text.utf8)
        var i = 0
        while i < b.count, isNameByte(b[i]) { i += 1 }
        let nameText = String(decoding: b[0..<i], as: UTF8.self)
        if i < b.count, b[i] == 0x24 || b[i] == 0x60 { return .unknown } // name built from a variable
        guard !nameText.isEmpty, isAlnum(b[0]) else { return .unknown }
        if i < b.count, b[i] == 0x5B { // extras
            guard let close = b[i...].firstIndex(of: 0x5D) else { return .unknown }
            i = close + 1
        }
        var spec = String(decoding: b[i...], as: UTF8.self)
        if let semi = spec.firstIndex(of: ";") { spec = String(spec[..<semi]) }
        spec = spec.blankTrimmed
        return .requirement(name: nameText, specifier: spec, isExact: isExactPEP440(spec))
    }

    /// Whether a PEP 440 specifier set pins one version: some clause `==V` (no `*`) or `===V`.
    public static func isExactPEP440(_ specifier: String) -> Bool {
        for clause in specifier.split(separator: ",") {
            let c = clause.blankTrimmed
            if c.hasPrefix("===") {
                return c.count > 3
            }
            if c.hasPrefix("==") {
                let version = c.dropFirst(2).blankTrimmed
                if !version.isEmpty && !version.contains("*") { return true }
            }
        }
        return false
    }

    /// `name @ url` (PEP 508 direct reference): the name and the URL.
    static func splitDirectReference(_ text: String) -> (String?, String?) {
        let b = Array(text.utf8)
        var i = 0
        while i < b.count, isNameByte(b[i]) { i += 1 }
        guard i > 0, isAlnum(b[0]) else { return (nil, nil) }
        let name = String(decoding: b[0..<i], as: UTF8.self)
        var j = i
        while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
        if j < b.count, b[j] == 0x5B {
            guard let close = b[j...].firstIndex(of: 0x5D) else { return (nil, nil) }
            j = close + 1
            while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
        }
        guard j < b.count, b[j] == 0x40 else { return (nil, nil) }
        j += 1
        while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
        var url = String(decoding: b[j...], as: UTF8.self)
        // A marker after whitespace: `name @ url ; python_version < "3.11"`.
        if let semi = url.firstRange(of: " ;") ?? url.firstRange(of: "; ") { url = String(url[..<semi.lowerBound]) }
        url = url.blankTrimmed
        return url.isEmpty ? (nil, nil) : (name, url)
    }

    static func hasVCSPrefix(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["git+", "hg+", "svn+", "bzr+"].contains { lower.hasPrefix($0) }
    }

    static func classifyURL(_ url: String, name: String?) -> PythonPackageArgument {
        let lower = url.lowercased()
        if hasVCSPrefix(lower) || lower.hasPrefix("git://") { return .vcs(url: url, name: name) }
        if lower.hasPrefix("file:") { return .localPath }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("ftp://") { return .url(url: url, name: name) }
        if !url.contains("://") && looksLikePath(url) { return .localPath }
        return .unknown
    }

    static func looksLikePath(_ text: String) -> Bool {
        if text.hasPrefix(".") || text.hasPrefix("/") || text.hasPrefix("~") { return true }
        if text.utf8.contains(UInt8(ascii: "/")) || text.contains("\\") { return true }
        if text.contains("*") && !text.contains(where: { "=<>~!".contains($0) }) { return true } // a glob of files
        let lower = text.lowercased()
        return archiveSuffixes.contains { lower.hasSuffix($0) }
    }

    // MARK: VCS and URLs

    /// The revision after the last `@` of a VCS URL's path, if any.
    public static func vcsRevision(_ url: String) -> String? {
        var u = Substring(url)
        if let hash = u.firstIndex(of: "#") { u = u[..<hash] }
        if let q = u.firstIndex(of: "?") { u = u[..<q] }
        let path: Substring
        if let scheme = u.range(of: "://") {
            let afterScheme = u[scheme.upperBound...]
            guard let slash = afterScheme.firstIndex(of: "/") else { return nil }
            path = afterScheme[slash...]
        } else if let colon = u.firstIndex(of: ":") { // git@host:org/repo.git@rev
            path = u[u.index(after: colon)...]
        } else {
            path = u
        }
        guard let at = path.lastIndex(of: "@") else { return nil }
        let rev = path[path.index(after: at)...]
        return rev.isEmpty ? nil : String(rev)
    }

    /// A full commit hash: 40 (SHA-1) or 64 (SHA-256) hex digits.
    public static func isFullCommitHash(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy { isHex($0) }
    }

    /// Whether a URL's fragment carries a strong hash (`#sha256=…`, `sha384`, `sha512`).
    public static func urlHasHash(_ url: String) -> Bool {
        guard let hash = url.firstIndex(of: "#") else { return false }
        let fragment = url[url.index(after: hash)...].lowercased()
        return fragment.split(separator: "&").contains { part in
            ["sha256=", "sha384=", "sha512="].contains { part.hasPrefix($0) && part.count > $0.count }
        }
    }

    // MARK: Conda

    public static func classifyConda(_ word: ShellWord) -> CondaPackageArgument {
        classifyConda(word.text)
    }

    /// Versions are judged by `CondaMatchSpec.isPinned`, the rule PIN003 applies to
    /// environment files: exact forms, or `=X.Y.Z` with at least three components
    /// (conda reads `=3.11` as `3.11.*`). A version from a variable counts as pinned.
    public static func classifyConda(_ raw: String) -> CondaPackageArgument {
        let text = raw.blankTrimmed
        if text.isEmpty { return .unknown }
        if text.contains("://") { return .url }
        let lower = text.lowercased()
        if text.hasPrefix(".") || text.hasPrefix("/") || text.hasPrefix("~") || lower.hasSuffix(".tar.bz2") || lower.hasSuffix(".conda") {
            return .localPath
        }
        guard let spec = CondaMatchSpec.parse(Substring(text)) else { return .unknown }
        if spec.name.contains("$") || spec.name.contains("`") || (spec.channel?.contains("$") ?? false) { return .unknown }
        let constraint = spec.version ?? ""
        if constraint.contains("$") {
            let op = constraint.prefix { "=<>!~ ".contains($0) }
            return .spec(name: spec.name, constraint: constraint, isExact: op == "=" || op == "==" || op.isEmpty)
        }
        return .spec(name: spec.name, constraint: constraint, isExact: spec.isPinned)
    }

    // MARK: System packages

    public static func classifySystem(_ word: ShellWord, tool: PackageTool) -> SystemPackageArgument {
        let text = word.text.blankTrimmed
        if text.isEmpty || text.hasPrefix(".") || text.hasPrefix("/") || text.hasPrefix("~") || text.contains("://") { return .skip }
        if text.contains("$") || text.contains("`") { return .skip }
        let lower = text.lowercased()
        if lower.hasSuffix(".deb") || lower.hasSuffix(".rpm") || lower.hasSuffix(".apk") { return .skip }
        switch tool {
        case .aptGet, .apt, .aptitude:
            if text.hasSuffix("-") || text.hasSuffix("_") { return .skip } // `pkg-` removes in apt-get install
            if let eq = text.firstIndex(of: "=") {
                let version = text[text.index(after: eq)...]
                return version.isEmpty || version.contains("*") ? .unpinned(name: String(text[..<eq])) : .pinned
            }
            let name = text.split(separator: "/").first.map(String.init) ?? text
            return .unpinned(name: name.hasSuffix("+") ? String(name.dropLast()) : name)
        case .apk:
            if text.hasPrefix("!") { return .skip }
            if let op = text.firstIndex(where: { "=~<>".contains($0) }) {
                let name = String(text[..<op])
                let rest = text[op...]
                let exact = (rest.hasPrefix("=") || rest.hasPrefix("~")) && !rest.hasPrefix("=~") && !rest.dropFirst().isEmpty
                    && !rest.dropFirst().contains { "<>*".contains($0) }
                return exact ? .pinned : .unpinned(name: name)
            }
            return .unpinned(name: text.split(separator: "@").first.map(String.init) ?? text)
        case .yum, .dnf, .microdnf:
            if text.hasPrefix("@") || text.hasPrefix("-") { return .skip }
            return rpmHasVersion(text) ? .pinned : .unpinned(name: text)
        default:
            return .skip
        }
    }

    /// `name-version[-release][.arch]`: some `-` followed by a version (a digit first,
    /// optional epoch) and at most one release part that also starts with a digit.
    static func rpmHasVersion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        for k in 1..<parts.count {
            let tail = parts[k...]
            guard tail.count <= 2, tail.allSatisfy({ $0.first?.isASCIIDigit == true }) else { continue }
            return true
        }
        return false
    }

    // MARK: Bytes

    static func isNameByte(_ c: UInt8) -> Bool {
        isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x2D
    }

    static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
}

extension StringProtocol {
    var blankTrimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }

    func strippingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
