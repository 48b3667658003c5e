/// PEP 440 comparison operators of a version specifier.
public enum VersionOperator: String, Sendable, Hashable, CaseIterable {
    case arbitraryEqual = "==="
    case equal = "=="
    case notEqual = "!="
    case compatible = "~="
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"
}

/// One clause of a version specifier set, e.g. `>=2.1` or `==1.*`.
public struct VersionSpecifier: Sendable, Hashable, CustomStringConvertible {
    public var op: VersionOperator
    /// The version as written (may end in `.*`, may contain `${VAR}`).
    public var version: String

    public init(op: VersionOperator, version: String) {
        self.op = op
        self.version = version
    }

    /// `==1.*` style prefix match.
    public var isWildcard: Bool { version.hasSuffix("*") }

    /// Whether this clause alone selects a single version: `==X[.Y...]` without a
    /// wildcard, or `===anything`.
    public var isExact: Bool { op == .arbitraryEqual || (op == .equal && !isWildcard) }

    public var description: String { op.rawValue + version }
}

/// Version-control systems pip understands in `vcs+scheme://` URLs.
public enum VCSKind: String, Sendable, Hashable, CaseIterable {
    case git, hg, svn, bzr
}

/// A VCS requirement URL split into repository and revision, as pip splits it
/// (`git+https://host/org/repo.git@REV#egg=name&subdirectory=dir`).
public struct VCSReference: Sendable, Hashable {
    public var kind: VCSKind
    /// The URL without the revision and the fragment (still with its `vcs+` prefix).
    public var repository: String
    /// The text after the last `@` of the URL path, if any.
    public var revision: String?

    public init(kind: VCSKind, repository: String, revision: String?) {
        self.kind = kind
        self.repository = repository
        self.revision = revision
    }

    /// Pinned = the revision is a full commit hash (40 hex for git/hg SHA-1, 64 for SHA-256).
    /// Tags, branches and abbreviated hashes are not pins.
    public var isPinnedToCommit: Bool {
        guard let revision else { return false }
        return RequirementSpec.isFullCommitHash(Substring(revision))
    }

    /// Parses a VCS URL; nil when `url` is not one (no `git+`/`hg+`/`svn+`/`bzr+`
    /// prefix nor a `git://`, `hg://`, `svn://`, `bzr://` scheme).
    public static func parse(_ url: Substring) -> VCSReference? {
        let lower = url.lowercased()
        var kind: VCSKind?
        for candidate in VCSKind.allCases {
            if lower.hasPrefix(candidate.rawValue + "+") || lower.hasPrefix(candidate.rawValue + "://") {
                kind = candidate
                break
            }
        }
        guard let kind else { return nil }
        var body = url
        if let hash = body.firstIndex(of: "#") { body = body[..<hash] }
        // The path starts after "scheme://netloc"; scp-like "git+git@host:org/repo" has
        // its path after the first ':' following the '@' of the user.
        var pathStart = body.startIndex
        if let afterScheme = Self.indexAfterSchemeSeparator(body) {
            pathStart = body[afterScheme...].firstIndex(of: "/") ?? body.endIndex
        } else if let plus = body.firstIndex(of: "+") {
            let rest = body[body.index(after: plus)...]
            if let colon = rest.firstIndex(of: ":") { pathStart = colon }
        }
        let path = body[pathStart...]
        if let at = path.lastIndex(of: "@") {
            let rev = path[path.index(after: at)...]
            return VCSReference(kind: kind, repository: String(body[..<at]), revision: rev.isEmpty ? nil : String(rev))
        }
        return VCSReference(kind: kind, repository: String(body), revision: nil)
    }

    /// The index just after the first "://", if any.
    static func indexAfterSchemeSeparator(_ text: Substring) -> Substring.Index? {
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == ":" {
                let rest = text[text.index(after: i)...]
                if rest.hasPrefix("//") { return text.index(i, offsetBy: 3) }
            }
            i = text.index(after: i)
        }
        return nil
    }
}

/// A hash carried in a URL fragment (`#sha256=…`), which pip verifies on download.
public struct URLHash: Sendable, Hashable {
    public var algorithm: String
    public var value: String

    public init(algorithm: String, value: String) {
        self.algorithm = algorithm
        self.value = value
    }

    static let algorithms: Set<String> = ["sha1", "sha224", "sha256", "sha384", "sha512", "md5"]

    /// The first `algo=hex` pair of the URL's fragment (pip's `[#&]algo=value` rule).
    public static func inURL(_ url: Substring) -> URLHash? {
        guard let hash = url.firstIndex(of: "#") else { return nil }
        for pair in url[url.index(after: hash)...].split(separator: "&") {
            guard let eq = pair.firstIndex(of: "=") else { continue }
            let key = pair[..<eq].lowercased()
            let value = pair[pair.index(after: eq)...]
            if algorithms.contains(key), !value.isEmpty, value.allSatisfy(\.isHexDigit) {
                return URLHash(algorithm: key, value: String(value))
            }
        }
        return nil
    }
}

/// How reproducibly a requirement selects what gets installed. A pure classification
/// of the requirement text; options written beside it (`--hash`) are the caller's
/// business (see `RequirementsFile.Entry.hasHash`).
public enum RequirementPinning: Sendable, Hashable {
    /// `==X.Y.Z` (no wildcard) or `===X`.
    case exact(version: String)
    /// A name from an index without an exact version: bare, range, `~=`, `!=`, `==1.*`.
    case unpinned
    /// A VCS URL; pinned only to a full commit hash.
    case vcs(kind: VCSKind, revision: String?, pinnedToCommit: Bool)
    /// A remote archive or wheel URL (not VCS); `hasHash` when a `#sha256=`-style fragment is present.
    case directURL(hasHash: Bool)
    /// A local directory, `file:` URL or archive/wheel file name.
    case local
}

/// Why a requirement could not be parsed, with the UTF-8 byte offset in the parsed text.
public struct RequirementParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { reason }
}

/// One requirement: a PEP 508 string (`name[extras] specifiers ; marker`,
/// `name @ url ; marker`) or one of pip's other forms (a bare or VCS URL, a
/// local path, an archive or wheel file name).
public struct RequirementSpec: Sendable, Hashable {
    public enum Form: String, Sendable, Hashable {
        /// A distribution name with an optional specifier set, resolved from an index.
        case named
        /// A remote direct URL (`name @ https://…`, or a bare `https://…` line).
        case url
        /// A VCS URL (`git+https://…@rev`), with or without `name @`.
        case vcs
        /// A local path, a `file:` URL, or an archive/wheel file name.
        case path
    }

    public var form: Form
    /// The name as written (from `#egg=` or the wheel file name for bare URLs), if known.
    public var name: String?
    public var extras: [String]
    public var specifiers: [VersionSpecifier]
    /// The URL of `.url` and `.vcs` requirements, and of `file:` URLs.
    public var url: String?
    /// The path of `.path` requirements written as a path (not as a `file:` URL).
    public var path: String?
    /// The environment marker after `;`, trimmed.
    public var marker: String?

    public init(form: Form, name: String? = nil, extras: [String] = [], specifiers: [VersionSpecifier] = [],
                url: String? = nil, path: String? = nil, marker: String? = nil) {
        self.form = form
        self.name = name
        self.extras = extras
        self.specifiers = specifiers
        self.url = url
        self.path = path
        self.marker = marker
    }

    // MARK: Classification

    /// The PEP 503 normalised name (lowercase, runs of `-_.` become `-`).
    public var normalizedName: String? { name.map(Self.normalize(name:)) }

    /// Whether some clause selects a single version (`==X.Y` without wildcard, or `===`).
    public var isExactPin: Bool { form == .named && specifiers.contains(where: \.isExact) }

    /// The version of the first exact clause.
    public var exactVersion: String? {
        guard form == .named else { return nil }
        return specifiers.first(where: \.isExact)?.version
    }

    /// The VCS reference of a `.vcs` requirement.
    public var vcs: VCSReference? {
        guard form == .vcs, let url else { return nil }
        return VCSReference.parse(Substring(url))
    }

    /// The hash in the URL fragment, if any.
    public var urlHash: URLHash? { url.flatMap { URLHash.inURL(Substring($0)) } }

    public var pinning: RequirementPinning {
        switch form {
        case .named:
            if let version = exactVersion { return .exact(version: version) }
            return .unpinned
        case .vcs:
            let ref = vcs
            return .vcs(kind: ref?.kind ?? .git, revision: ref?.revision, pinnedToCommit: ref?.isPinnedToCommit ?? false)
        case .url:
            return .directURL(hasHash: urlHash != nil)
        case .path:
            return .local
        }
    }

    /// The specifiers joined as written in canonical form: `>=2.0,<3`.
    public var specifierText: String { specifiers.map(\.description).joined(separator: ",") }

    // MARK: Pure helpers

    /// PEP 503 normalisation: lowercase, runs of `-`, `_`, `.` become one `-`.
    public static func normalize(name: some StringProtocol) -> String {
        // Built as bytes: appending to a String's scalar view copies the string each time.
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingDash = false
        var isASCII = true
        for byte in name.utf8 {
            if byte == 0x2D || byte == 0x5F || byte == 0x2E {
                pendingDash = true
                continue
            }
            if pendingDash && !out.isEmpty { out.append(0x2D) }
            pendingDash = false
            if byte >= 0x80 { isASCII = false }
            out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        let text = String(decoding: out, as: UTF8.self)
        if isASCII { return text }
        var lowered = ""
        for scalar in text.unicodeScalars { lowered += String(scalar).lowercased() }
        return lowered
    }

    /// A full commit hash: exactly 40 (SHA-1) or 64 (SHA-256) hex digits.
    public static func isFullCommitHash(_ text: Substring) -> Bool {
        let count = text.utf8.count
        return (count == 40 || count == 64) && text.utf8.allSatisfy { isHex($0) }
    }

    /// Classifies one requirement string (e.g. an argument of `pip install`).
    /// nil when it is not a valid requirement.
    public static func classify(_ text: Substring) -> RequirementPinning? {
        parse(text)?.pinning
    }

    // MARK: Parsing

    /// Parses one requirement (surrounding whitespace ignored); nil when malformed.
    public static func parse(_ text: Substring) -> RequirementSpec? {
        try? parseOrThrow(text)
    }

    /// Parses one requirement; on failure, the reason and where (a byte offset in `text`).
    public static func parseResult(_ text: Substring) -> Result<RequirementSpec, RequirementParseError> {
        do {
            return .success(try parseOrThrow(text))
        } catch {
            return .failure(error)
        }
    }

    static func parseOrThrow(_ text: Substring) throws(RequirementParseError) -> RequirementSpec {
        var parser = RequirementParser(bytes: Array(text.utf8))
        return try parser.parse()
    }

    static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
    }
}

/// Byte-level PEP 508 parser with pip's extra requirement forms.
struct RequirementParser {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    static let archiveSuffixes = [".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar", ".zip"]

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
    static func isNameChar(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2D || b == 0x5F || b == 0x2E }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    func fail(_ reason: String, at offset: Int) -> RequirementParseError {
        RequirementParseError(reason: reason, offset: offset)
    }

    mutating func skipSpaces() {
        while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
    }

    /// Skips spaces without passing `end` (spaces after it belong to no part).
    mutating func skipSpaces(upTo end: Int) {
        while i < end, Self.isSpace(bytes[i]) { i += 1 }
    }

    mutating func parse() throws(RequirementParseError) -> RequirementSpec {
        var start = 0
        var end = bytes.count
        while start < end, Self.isSpace(bytes[start]) { start += 1 }
        while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { throw fail("empty requirement", at: 0) }
        i = start

        if isURL(at: start) {
            return try bareURL(start: start, end: end)
        }
        let first = bytes[start]
        if first == 0x2E || first == 0x2F || first == 0x7E || first == 0x5C || isWindowsDrive(at: start) {
            return localPath(start: start, end: end)
        }
        // `name [extras] @ url` is tried before the path heuristics: its URL holds slashes.
        if let spec = try directURLIfPresent(start: start, end: end) { return spec }
        let pathEnd = markerSplit(start: start, end: end, url: false).requirementEnd
        let head = bytes[start..<pathEnd]
        if head.contains(0x2F) || head.contains(0x5C) || hasArchiveSuffix(stripExtras(start: start, end: pathEnd).end, from: start) {
            return localPath(start: start, end: end)
        }
        return try named(start: start, end: end)
    }

    // MARK: Forms

    /// Whether the text at `start` is a URL: `scheme://`, `file:`, or a `vcs+` prefix
    /// (which also covers scp-like `git+git@github.com:org/repo.git`).
    func isURL(at start: Int) -> Bool {
        var j = start
        guard j < bytes.count, (bytes[j] | 0x20) >= 0x61, (bytes[j] | 0x20) <= 0x7A else { return false }
        while j < bytes.count, Self.isAlnum(bytes[j]) || bytes[j] == 0x2E || bytes[j] == 0x2D { j += 1 }
        if j < bytes.count, bytes[j] == 0x2B, VCSKind(rawValue: string(start..<j).lowercased()) != nil { return true }
        while j < bytes.count, Self.isAlnum(bytes[j]) || bytes[j] == 0x2B || bytes[j] == 0x2E || bytes[j] == 0x2D { j += 1 }
        guard j < bytes.count, bytes[j] == 0x3A, j - start >= 2 else { return false }
        if string(start..<j).lowercased() == "file" { return true }
        return j + 2 < bytes.count && bytes[j + 1] == 0x2F && bytes[j + 2] == 0x2F
    }

    func isWindowsDrive(at start: Int) -> Bool {
        start + 2 < bytes.count && Self.isAlnum(bytes[start]) && bytes[start + 1] == 0x3A
            && (bytes[start + 2] == 0x5C || bytes[start + 2] == 0x2F)
    }

    /// pip splits markers off URL lines at "; " and off other lines at ";".
    func markerSplit(start: Int, end: Int, url: Bool) -> (requirementEnd: Int, marker: String?) {
        var j = start
        while j < end {
            if bytes[j] == 0x3B && (!url || (j + 1 < end && Self.isSpace(bytes[j + 1]))) {
                var requirementEnd = j
                while requirementEnd > start, Self.isSpace(bytes[requirementEnd - 1]) { requirementEnd -= 1 }
                var m = j + 1
                while m < end, Self.isSpace(bytes[m]) { m += 1 }
                return (requirementEnd, m < end ? string(m..<end) : "")
            }
            j += 1
        }
        return (end, nil)
    }

    func hasArchiveSuffix(_ end: Int, from start: Int) -> Bool {
        let lower = string(start..<end).lowercased()
        return Self.archiveSuffixes.contains { lower.hasSuffix($0) }
    }

    /// pip's `^(.+)(\[[^\]]+\])$` extras on paths and URLs.
    func stripExtras(start: Int, end: Int) -> (end: Int, extras: [String]) {
        guard end > start, bytes[end - 1] == 0x5D else { return (end, []) }
        var j = end - 2
        while j > start, bytes[j] != 0x5B, bytes[j] != 0x5D { j -= 1 }
        guard j > start, bytes[j] == 0x5B, j + 1 < end - 1 else { return (end, []) }
        let extras = string(j + 1..<end - 1).split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        return (j, extras)
    }

    func checkMarker(_ marker: String?, at offset: Int) throws(RequirementParseError) {
        if let marker, marker.isEmpty { throw fail("empty environment marker after ';'", at: offset) }
    }

    func bareURL(start: Int, end: Int) throws(RequirementParseError) -> RequirementSpec {
        let (urlEnd, marker) = markerSplit(start: start, end: end, url: true)
        try checkMarker(marker, at: urlEnd)
        let (withoutExtras, extras) = stripExtras(start: start, end: urlEnd)
        if let space = bytes[start..<withoutExtras].firstIndex(where: Self.isSpace) {
            throw fail("unexpected whitespace in URL", at: space)
        }
        let url = string(start..<withoutExtras)
        return classifyURL(url, name: Self.nameFromURL(Substring(url)), extras: extras, marker: marker)
    }

    func classifyURL(_ url: String, name: String?, extras: [String], marker: String?) -> RequirementSpec {
        let lower = url.lowercased()
        if VCSReference.parse(Substring(url)) != nil {
            return RequirementSpec(form: .vcs, name: name, extras: extras, url: url, marker: marker)
        }
        if lower.hasPrefix("file:") {
            return RequirementSpec(form: .path, name: name, extras: extras, url: url, marker: marker)
        }
        return RequirementSpec(form: .url, name: name, extras: extras, url: url, marker: marker)
    }

    func localPath(start: Int, end: Int) -> RequirementSpec {
        let (pathEnd, marker) = markerSplit(start: start, end: end, url: false)
        let (withoutExtras, extras) = stripExtras(start: start, end: pathEnd)
        let path = string(start..<withoutExtras)
        return RequirementSpec(form: .path, name: Self.nameFromFile(Substring(path)), extras: extras, path: path, marker: marker)
    }

    /// `name [extras] @ url [; marker]`, or nil when the text is not of that shape.
    mutating func directURLIfPresent(start: Int, end: Int) throws(RequirementParseError) -> RequirementSpec? {
        i = start
        let nameStart = i
        while i < end, Self.isNameChar(bytes[i]) { i += 1 }
        guard i > nameStart, Self.isAlnum(bytes[nameStart]), Self.isAlnum(bytes[i - 1]) else { i = start; return nil }
        let name = string(nameStart..<i)
        skipSpaces()
        var extras: [String] = []
        if i < end, bytes[i] == 0x5B {
            guard let parsed = try? parseExtras(end: end) else { i = start; return nil }
            extras = parsed
            skipSpaces()
        }
        guard i < end, bytes[i] == 0x40 else { i = start; return nil }
        i += 1
        skipSpaces()
        let urlStart = i
        while i < end, !Self.isSpace(bytes[i]) { i += 1 }
        guard i > urlStart else { throw fail("missing URL after '@'", at: urlStart) }
        let url = string(urlStart..<i)
        skipSpaces()
        var marker: String?
        if i < end {
            guard bytes[i] == 0x3B else { throw fail("unexpected text after URL: expected ';' and a marker", at: i) }
            let m = i
            i += 1
            skipSpaces(upTo: end)
            marker = string(i..<end)
            try checkMarker(marker, at: m)
        }
        if !isURL(at: urlStart) {
            // `name @ ./dir` is accepted by pip as a path.
            return RequirementSpec(form: .path, name: name, extras: extras, path: url, marker: marker)
        }
        return classifyURL(url, name: name, extras: extras, marker: marker)
    }

    mutating func parseExtras(end: Int) throws(RequirementParseError) -> [String] {
        // at '['
        i += 1
        var extras: [String] = []
        skipSpaces()
        if i < end, bytes[i] == 0x5D { i += 1; return [] }
        while true {
            skipSpaces()
            let s = i
            while i < end, Self.isNameChar(bytes[i]) { i += 1 }
            guard i > s, Self.isAlnum(bytes[s]), Self.isAlnum(bytes[i - 1]) else {
                throw fail("invalid extra name", at: s)
            }
            extras.append(string(s..<i))
            skipSpaces()
            guard i < end else { throw fail("missing ']' after extras", at: i) }
            if bytes[i] == 0x2C { i += 1; continue }
            if bytes[i] == 0x5D { i += 1; return extras }
            throw fail("expected ',' or ']' in extras", at: i)
        }
    }

    mutating func named(start: Int, end: Int) throws(RequirementParseError) -> RequirementSpec {
        i = start
        let nameStart = i
        while i < end, Self.isNameChar(bytes[i]) { i += 1 }
        guard i > nameStart, Self.isAlnum(bytes[nameStart]) else {
            throw fail("expected a package name", at: nameStart)
        }
        guard Self.isAlnum(bytes[i - 1]) else {
            throw fail("a package name must end with a letter or digit", at: i - 1)
        }
        let name = string(nameStart..<i)
        skipSpaces()
        var extras: [String] = []
        if i < end, bytes[i] == 0x5B {
            extras = try parseExtras(end: end)
            skipSpaces()
        }
        var specifiers: [VersionSpecifier] = []
        if i < end, bytes[i] == 0x28 {
            i += 1
            specifiers = try parseSpecifiers(end: end, inParentheses: true)
            skipSpaces()
            guard i < end, bytes[i] == 0x29 else { throw fail("missing ')' after version specifiers", at: i) }
            i += 1
        } else if i < end, bytes[i] != 0x3B {
            specifiers = try parseSpecifiers(end: end, inParentheses: false)
        }
        skipSpaces()
        var marker: String?
        if i < end {
            guard bytes[i] == 0x3B else { throw fail("unexpected '\(string(i..<i + 1))'", at: i) }
            let m = i
            i += 1
            skipSpaces(upTo: end)
            marker = string(i..<end)
            try checkMarker(marker, at: m)
        }
        return RequirementSpec(form: .named, name: name, extras: extras, specifiers: specifiers, marker: marker)
    }

    mutating func parseOperator() throws(RequirementParseError) -> VersionOperator {
        let s = i
        func at(_ k: Int) -> UInt8 { s + k < bytes.count ? bytes[s + k] : 0 }
        let eq: UInt8 = 0x3D
        switch at(0) {
        case eq:
            if at(1) == eq && at(2) == eq { i += 3; return .arbitraryEqual }
            if at(1) == eq { i += 2; return .equal }
            throw fail("'=' is not a version operator (did you mean '=='?)", at: s)
        case 0x21:
            if at(1) == eq { i += 2; return .notEqual }
        case 0x7E:
            if at(1) == eq { i += 2; return .compatible }
        case 0x3C:
            if at(1) == eq { i += 2; return .lessOrEqual }
            i += 1
            return .less
        case 0x3E:
            if at(1) == eq { i += 2; return .greaterOrEqual }
            i += 1
            return .greater
        default:
            break
        }
        throw fail("expected a version operator (==, !=, <=, >=, <, >, ~=, ===)", at: s)
    }

    static func isVersionChar(_ b: UInt8) -> Bool {
        isAlnum(b) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x2A || b == 0x2B || b == 0x21
    }

    mutating func parseSpecifiers(end: Int, inParentheses: Bool) throws(RequirementParseError) -> [VersionSpecifier] {
        var specifiers: [VersionSpecifier] = []
        while true {
            skipSpaces()
            let opStart = i
            let op = try parseOperator()
            skipSpaces()
            let vStart = i
            if op == .arbitraryEqual {
                while i < end, !Self.isSpace(bytes[i]), bytes[i] != 0x2C, bytes[i] != 0x3B, bytes[i] != 0x29 { i += 1 }
            } else {
                while i < end {
                    if Self.isVersionChar(bytes[i]) {
                        i += 1
                    } else if bytes[i] == 0x24, i + 1 < end, bytes[i + 1] == 0x7B,
                              let close = bytes[(i + 2)..<end].firstIndex(of: 0x7D) {
                        // pip expands ${VAR} before parsing; the value is unknown here.
                        i = close + 1
                    } else {
                        break
                    }
                }
            }
            guard i > vStart else { throw fail("missing version after '\(op.rawValue)'", at: vStart) }
            let version = string(vStart..<i)
            try validate(version, op: op, at: vStart, opStart: opStart)
            specifiers.append(VersionSpecifier(op: op, version: version))
            skipSpaces()
            if i < end, bytes[i] == 0x2C {
                i += 1
                continue
            }
            return specifiers
        }
    }

    func validate(_ version: String, op: VersionOperator, at offset: Int, opStart: Int) throws(RequirementParseError) {
        if op == .arbitraryEqual || version.contains("${") { return }
        let star = version.firstIndex(of: "*")
        if let star {
            guard op == .equal || op == .notEqual else {
                throw fail("a wildcard version is only allowed with '==' or '!='", at: offset)
            }
            guard version.hasSuffix(".*"), star == version.index(before: version.endIndex) else {
                throw fail("invalid wildcard version '\(version)' (expected e.g. '1.*')", at: offset)
            }
        }
        guard let first = version.utf8.first, (first >= 0x30 && first <= 0x39) || first == 0x76 || first == 0x56 else {
            throw fail("invalid version '\(version)'", at: offset)
        }
        if op == .compatible {
            let release = version.drop(while: { $0 == "v" || $0 == "V" }).prefix(while: { $0.isNumber || $0 == "." || $0 == "!" })
            let epochless = release.split(separator: "!").last ?? release
            if epochless.split(separator: ".").count < 2 {
                throw fail("'~=' needs a version with at least two components (e.g. '~=2.1')", at: opStart)
            }
        }
    }

    // MARK: Names from URLs and file names

    /// The `#egg=` fragment, else the name of a wheel or sdist file name at the URL's end.
    static func nameFromURL(_ url: Substring) -> String? {
        if let hash = url.firstIndex(of: "#") {
            for pair in url[url.index(after: hash)...].split(separator: "&") where pair.hasPrefix("egg=") {
                let value = pair.dropFirst(4)
                let name = value.prefix(while: { $0 != "[" })
                if !name.isEmpty { return String(name) }
            }
        }
        var path = url
        if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        if VCSReference.parse(url) != nil { return nil }
        return nameFromFile(path)
    }

    /// The distribution name of a wheel (`name-ver-…whl`) or sdist (`name-1.0.tar.gz`) file name.
    static func nameFromFile(_ path: Substring) -> String? {
        let file = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? path
        let lower = file.lowercased()
        if lower.hasSuffix(".whl") {
            let name = file.prefix(while: { $0 != "-" })
            return name.isEmpty || name.count == file.count ? nil : String(name)
        }
        guard let suffix = archiveSuffixes.first(where: { lower.hasSuffix($0) }) else { return nil }
        let stem = file.dropLast(suffix.count)
        // name-VERSION: split at the last '-' followed by a digit.
        var idx = stem.endIndex
        while idx > stem.startIndex {
            idx = stem.index(before: idx)
            if stem[idx] == "-", stem.index(after: idx) < stem.endIndex, stem[stem.index(after: idx)].isNumber {
                return String(stem[..<idx])
            }
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
