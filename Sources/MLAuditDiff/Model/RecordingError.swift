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

    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let key { return "\(place): \(key): \(reason)" }
        return "\(place): \(reason)"
    }
}
