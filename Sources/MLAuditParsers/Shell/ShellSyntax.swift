/// One word of a shell command after quote removal, with where it sits in the file.
public struct ShellWord: Sendable, Hashable, CustomStringConvertible {
    /// The word after quote removal. Expansions (`$VAR`, `${VAR}`, `$(cmd)`, backticks)
    /// are kept as written, since their value is not known.
    public var text: String
    /// The word exactly as written, quotes included.
    public var raw: String
    /// File byte offset of the word's first byte (its opening quote when quoted).
    public var offset: Int
    /// File byte offset just past the word's last byte.
    public var endOffset: Int
    /// Some part of the word was quoted or backslash-escaped.
    public var isQuoted: Bool
    /// The word holds a parameter expansion or a command substitution outside single quotes.
    public var hasExpansion: Bool

    public init(text: String, raw: String, offset: Int, endOffset: Int, isQuoted: Bool = false, hasExpansion: Bool = false) {
        self.text = text
        self.raw = raw
        self.offset = offset
        self.endOffset = endOffset
        self.isQuoted = isQuoted
        self.hasExpansion = hasExpansion
    }

    public var description: String { text }

    /// The name of the variable when the whole word is one parameter expansion
    /// (`$NAME`, `${NAME}`, `"$NAME"`, `"${NAME}"`); with `makeSyntax`, also `$(NAME)`.
    public func soleVariable(makeSyntax: Bool = false) -> String? {
        var r = Substring(raw)
        if r.count >= 2, r.first == "\"", r.last == "\"" { r = r.dropFirst().dropLast() }
        guard r.first == "$" else { return nil }
        r = r.dropFirst()
        var name: Substring
        if r.first == "{", r.last == "}" {
            name = r.dropFirst().dropLast()
        } else if makeSyntax, r.first == "(", r.last == ")" {
            name = r.dropFirst().dropLast()
        } else {
            name = r
        }
        guard let first = name.first, first == "_" || first.isASCIILetter,
              name.allSatisfy({ $0 == "_" || $0.isASCIILetter || $0.isASCIIDigit }) else { return nil }
        return String(name)
    }
}

extension Character {
    var isASCIILetter: Bool { isASCII && isLetter }
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// What ends a command.
public enum ShellSeparator: String, Sendable, Hashable {
    case newline = "\n"
    case semicolon = ";"
    case and = "&&"
    case or = "||"
    case pipe = "|"
    case pipeBoth = "|&"
    case background = "&"
    case caseEnd = ";;"
    case openParen = "("
    case closeParen = ")"
    /// End of the text, or of a command substitution.
    case end = ""
}

/// A redirection of a command (`> file`, `2>&1`, `<<EOF`).
public struct ShellRedirection: Sendable, Hashable {
    public var op: String
    /// The file, descriptor or here-document delimiter.
    public var target: ShellWord?
}

/// A simple command: its words in order (assignments, the program, its arguments),
/// with redirections set apart.
public struct ShellCommand: Sendable, Hashable {
    public var words: [ShellWord]
    public var redirections: [ShellRedirection]
    /// The operator that ends the command.
    public var separator: ShellSeparator
    /// 0 for a command of the text itself; 1 and more inside `$(…)`, backticks or a
    /// here-document fed to a shell.
    public var depth: Int

    public init(words: [ShellWord], redirections: [ShellRedirection] = [], separator: ShellSeparator = .end, depth: Int = 0) {
        self.words = words
        self.redirections = redirections
        self.separator = separator
        self.depth = depth
    }
}

/// A syntax problem in shell text (an unterminated quote), placed at a file offset.
public struct ShellDiagnostic: Sendable, Hashable {
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}

public struct ShellParseResult: Sendable, Hashable {
    /// Commands in source order (a substitution's commands follow the command holding it).
    public var commands: [ShellCommand]
    public var diagnostics: [ShellDiagnostic]
}
