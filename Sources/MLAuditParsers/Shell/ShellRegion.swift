/// A stretch of shell text inside a file (a Dockerfile `RUN`, a Makefile recipe
/// line, a workflow `run:` step, a notebook `!pip` line…), mapped back to the file.
public struct ShellRegion: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// A whole shell script.
        case script
        /// Dockerfile `RUN` (shell form, exec form, or a here-document script).
        case dockerfileRun
        /// One (possibly continued) Makefile recipe line.
        case makefileRecipe
        /// GitHub Actions `run:` of a workflow step or a composite action step.
        case workflowRun
        /// GitLab CI `script`, `before_script` or `after_script` item.
        case gitlabScript
        /// Notebook `!cmd` shell escape.
        case notebookShellEscape
        /// Notebook `%pip`, `%conda` … line magic.
        case notebookLineMagic
        /// Notebook `%%bash`/`%%sh` (or Databricks `%sh`) cell body.
        case notebookCellMagic
    }

    public var origin: Origin
    public var text: MappedText
    /// For notebooks: the 1-based number of the code cell (counting code cells only).
    public var cell: Int?
    /// Values known for variables at this point (Dockerfile `ARG`/`ENV` defaults,
    /// Makefile assignments), used to read `$PIP install …` and `$(PYTHON) -m pip`.
    public var variables: [String: String]
    /// `$(NAME)` is a variable reference (Makefile recipes) rather than a command substitution.
    public var makeSyntax: Bool
    /// Commands already split (exec-form `RUN ["pip", "install", "x"]`); nil means split `text`.
    public var presplit: [ShellCommand]?
    /// The text is meant for a POSIX shell. False for PowerShell/cmd steps, whose words
    /// split alike for simple commands but whose quoting differs: their syntax
    /// problems are not reported.
    public var isPOSIX: Bool = true

    public init(origin: Origin, text: MappedText, cell: Int? = nil, variables: [String: String] = [:],
                makeSyntax: Bool = false, presplit: [ShellCommand]? = nil) {
        self.origin = origin
        self.text = text
        self.cell = cell
        self.variables = variables
        self.makeSyntax = makeSyntax
        self.presplit = presplit
    }

    /// The region's commands and syntax problems.
    public func parse() -> ShellParseResult {
        if let presplit { return ShellParseResult(commands: presplit, diagnostics: []) }
        return ShellSplitter.split(text)
    }
}

/// A region after splitting, as rules consume it.
public struct ParsedShellRegion: Sendable, Hashable {
    public var region: ShellRegion
    public var commands: [ShellCommand]
    public var diagnostics: [ShellDiagnostic]

    public init(region: ShellRegion) {
        self.region = region
        let result = region.parse()
        self.commands = result.commands
        self.diagnostics = result.diagnostics
    }

    public var cell: Int? { region.cell }
}
