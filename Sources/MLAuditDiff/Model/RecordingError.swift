import MLAuditCore
/// An input that could not be read at all: names the file, the line or key, and why.
public struct RecordingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var key: String?
    public var reason: String

    public init(path: String, line: Int? = nil, key: String? = nil, reason: String) {
        self.path = path
        self.line = line
        self.key = key
        self.reason = reason
    }

    /// Redacted, and the reason cut short: a message may quote the input, which may hold credentials.
    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        let reason = Self.excerpt(self.reason)
        if let key { return Redaction.redactText("\(place): \(key): \(reason)") }
        return Redaction.redactText("\(place): \(reason)")
    }

    /// At most 300 characters of a message, on one line.
    static func excerpt(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count <= 300 ? line : String(line.prefix(300)) + "…"
    }
}
