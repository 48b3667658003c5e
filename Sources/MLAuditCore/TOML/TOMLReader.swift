import TOMLKit

/// Why TOML text could not be parsed, and where (1-based line and column).
public struct TOMLReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var description: String

    public init(line: Int, column: Int, description: String) {
        self.line = line
        self.column = column
        self.description = description
    }
}

/// Parses TOML through TOMLKit, refusing first the input toml++ (the parser under
/// TOMLKit, 3.4.0) does not reject but aborts the process on: a table header whose
/// key starts with a character no key can start with (`[|x]`), where toml++ asserts
/// instead of reporting an error. Every TOML read of untrusted text goes through here.
public enum TOMLReader {
    public static func parse(_ text: String) throws(TOMLReadError) -> TOMLTable {
        if let bad = TOMLHeaderCheck.firstInvalidHeaderKey(Array(text.utf8)) {
            throw TOMLReadError(line: bad.line, column: bad.column, description: "a table header's key cannot start with this character")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw TOMLReadError(line: error.source.begin.line, column: error.source.begin.column, description: error.description)
        } catch {
            throw TOMLReadError(line: 1, column: 1, description: "\(error)")
        }
    }
}
