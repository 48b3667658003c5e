/// One problem reported by a rule.
public struct Finding: Sendable, Hashable, Codable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var location: Location
    /// The normalized text of the offending line, used for baseline fingerprints.
    public var lineContent: String
    /// For notebooks: the 1-based index of the code cell the finding is in.
    public var cell: Int?

    public init(ruleID: String, severity: Severity, message: String, location: Location, lineContent: String = "", cell: Int? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.location = location
        self.lineContent = lineContent
        self.cell = cell
    }

    /// The message as reports show it: notebook findings name their cell first.
    public var displayMessage: String {
        guard let cell else { return message }
        return "cell \(cell): \(message)"
    }

    /// Deterministic report order: path, line, column, rule, message.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}
