/// Why marker text could not be parsed, with where the problem starts.
public struct MarkerParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    /// UTF-8 byte offset in the marker text.
    public var offset: Int
    /// 1-based column in the marker text, counting Unicode scalars.
    public var column: Int

    public init(reason: String, offset: Int, column: Int) {
        self.reason = reason
        self.offset = offset
        self.column = column
    }

    public var description: String { "column \(column): \(reason)" }
}
