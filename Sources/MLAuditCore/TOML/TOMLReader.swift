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

/// Parses TOML through TOMLKit, after `TOMLSyntax` has accepted the text: toml++
/// (the parser under TOMLKit, 3.4.0) aborts the process on some malformed input
/// instead of reporting it, so it only ever sees valid TOML. Every TOML read of
/// untrusted text goes through here.
public enum TOMLReader {
    public static func parse(_ text: String, limits: InputLimits = InputLimits()) throws(TOMLReadError) -> TOMLTable {
        if let bad = TOMLSyntax.check(text, limits: TOMLSyntax.Limits(maxDepth: limits.maxNestingDepth)) {
            throw TOMLReadError(line: bad.line, column: bad.column, description: bad.reason)
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // toml++ may quote the text it stopped at: cut short and redacted.
            throw TOMLReadError(line: error.source.begin.line, column: error.source.begin.column,
                                description: Excerpt.quote(error.description, limit: 160))
        } catch {
            throw TOMLReadError(line: 1, column: 1, description: Excerpt.quote("\(error)", limit: 160))
        }
    }
}
