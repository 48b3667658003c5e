import MLAuditCore

/// One difference between two recordings: a finding plus what the table shows.
public struct Difference: Sendable, Hashable {
    public var ruleID: String
    public var section: DiffSection
    /// What differs (`torch`, `numpy (conda)`, `architecture`, `PYTHONHASHSEED`).
    public var item: String
    /// Values as shown; nil when the item is absent on that side.
    public var old: String?
    public var new: String?
    public var severity: Severity
    public var message: String
    public var place: SourcePlace
    /// The old and new values belong to the finding's identity (a variable's change), so a
    /// baseline accepts this change only, not every change of the item.
    public var fingerprintsValues: Bool

    public init(ruleID: String, section: DiffSection, item: String, old: String?, new: String?, severity: Severity,
                message: String, place: SourcePlace, fingerprintsValues: Bool = false) {
        self.fingerprintsValues = fingerprintsValues
        // Recordings from other tools may hold credentials (index URLs, remotes, tokens in values).
        self.ruleID = ruleID
        self.section = section
        self.item = Redaction.redactText(item)
        self.old = old.map(Redaction.redactText)
        self.new = new.map(Redaction.redactText)
        self.severity = severity
        self.message = Redaction.redactText(message)
        self.place = place
    }

    /// The finding for reports; the item is the line content, so baselines
    /// survive reordering of the recording.
    public var finding: Finding {
        Finding(ruleID: ruleID, severity: severity, message: message,
                location: Location(path: place.path, line: place.line),
                lineContent: fingerprintsValues ? "\(section.rawValue) \(item) \(old ?? "—") → \(new ?? "—")" : "\(section.rawValue) \(item)")
    }
}

/// A section that could not be compared, and why.
public struct SkippedSection: Sendable, Hashable {
    public var section: DiffSection
    /// `conda packages`, `python`.
    public var label: String
    public var reason: String

    public init(section: DiffSection, label: String, reason: String) {
        self.section = section
        self.label = label
        self.reason = reason
    }
}

/// Everything a comparison found.
public struct DiffResult: Sendable {
    public var differences: [Difference]
    public var skipped: [SkippedSection]
    /// Sections compared (for the verdict and the table's grouping).
    public var compared: [DiffSection]

    public init(differences: [Difference], skipped: [SkippedSection], compared: [DiffSection]) {
        self.differences = differences
        self.skipped = skipped
        self.compared = compared
    }

    public var findings: [Finding] { differences.map(\.finding) }
}
