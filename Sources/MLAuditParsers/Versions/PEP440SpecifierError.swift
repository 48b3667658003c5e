/// Why a version specifier could not be parsed, with the UTF-8 byte offset in the
/// parsed text where the problem starts.
public struct PEP440SpecifierError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { reason }
}
