/// A place in a file. `path` is relative to the scan's base directory and uses
/// forward slashes; lines and columns are 1-based, columns count Unicode scalars.
public struct Location: Sendable, Hashable, Codable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int
    public var endLine: Int?
    public var endColumn: Int?

    public init(path: String, line: Int, column: Int = 1, endLine: Int? = nil, endColumn: Int? = nil) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
        self.endLine = endLine
        self.endColumn = endColumn
    }

    public static func < (lhs: Location, rhs: Location) -> Bool {
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        return lhs.column < rhs.column
    }
}
