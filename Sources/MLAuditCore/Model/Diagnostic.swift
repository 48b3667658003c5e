/// A rule-less problem with an input: a file that could not be parsed or read,
/// or a file that was skipped. Diagnostics never abort a scan.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The file was read but its content is malformed.
        case parseError = "parse-error"
        /// The file could not be read at all.
        case unreadable
        /// The file was deliberately not checked (too large, binary, a link out of the root).
        case skipped
        /// Findings of a rule in a file beyond `max-findings-per-rule` were counted, not listed.
        case truncated
    }

    public var kind: Kind
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(kind: Kind, path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// Parse errors and unreadable files: reported in every format, and counted as files not read.
    public var isProblem: Bool { kind == .parseError || kind == .unreadable }

    /// Listed without `--verbose`: problems and truncated findings (skips only when verbose).
    public var isShownAlways: Bool { kind != .skipped }

    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        return a.message < b.message
    }
}
