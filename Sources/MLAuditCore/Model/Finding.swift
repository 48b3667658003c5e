/// One problem reported by a rule.
public struct Finding: Sendable, Hashable, Codable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var location: Location
    /// The normalized text of the offending line, used for baseline fingerprints.
    public var lineContent: String
    /// For notebooks: the 1-based position of the cell the finding is in, among all cells.
    public var cell: Int?
    /// For notebooks: the cell's saved execution count, the `[3]` Jupyter shows beside it.
    public var executionCount: Int?

    public init(ruleID: String, severity: Severity, message: String, location: Location, lineContent: String = "", cell: Int? = nil,
                executionCount: Int? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.location = location
        self.lineContent = lineContent
        self.cell = cell
        self.executionCount = executionCount
    }

    /// The message as reports show it: notebook findings name their cell first, by position
    /// and, when it ran, by the execution count Jupyter shows (`cell 5 [3]: …`).
    public var displayMessage: String {
        guard let cell else { return message }
        let prompt = executionCount.map { " [\($0)]" } ?? ""
        return "cell \(cell)\(prompt): \(message)"
    }

    /// Deterministic report order: path, line, column, rule, message.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}
