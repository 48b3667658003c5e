/// One instruction of a Dockerfile, after joining continuation lines.
public struct DockerfileInstruction: Sendable, Hashable {
    /// Upper-cased keyword: `FROM`, `RUN`, `ARG` …
    public var keyword: String
    /// 1-based line of the keyword.
    public var line: Int
    /// Byte offset of the keyword.
    public var offset: Int
    /// 1-based last line (of the continuation, or of the last here-document's delimiter).
    public var endLine: Int
    /// The text after the keyword, with escape+newline pairs and comment lines inside
    /// the continuation removed, as Docker sees it; mapped to the file.
    public var arguments: MappedText
    /// Here-documents (`<<EOF`) opened by the instruction, in order.
    public var heredocs: [DockerfileHeredoc]
    /// File byte range from the first here-document body to the end of the last delimiter line.
    public var heredocRange: Range<Int>?

    /// Arguments as text.
    public var argumentText: String { arguments.string }
}

public struct DockerfileHeredoc: Sendable, Hashable {
    public var delimiter: String
    /// `<<-`: leading tabs are stripped.
    public var stripsTabs: Bool
    /// The body lines (with their line breaks), mapped to the file.
    public var body: MappedText
    /// The offset of the `<<` token in the file.
    public var tokenOffset: Int
}

/// A build stage: one `FROM`.
public struct DockerfileStage: Sendable, Hashable {
    /// Index of the `FROM` in `Dockerfile.instructions`.
    public var instructionIndex: Int
    /// The image as written (`python:${PY_VERSION}-slim`).
    public var image: String
    /// File offset of the image word.
    public var imageOffset: Int
    /// The image with build arguments substituted from their defaults.
    public var resolvedImage: String
    /// Names of variables in the image that have no value (no default, not declared).
    public var unresolvedVariables: [String]
    /// `AS name`, lower-cased (stage names are case-insensitive).
    public var name: String?
    /// `--platform=` value, if any.
    public var platform: String?
    /// Index of the earlier stage this one builds on (`FROM builder`), if any.
    public var parentStage: Int?
}

/// A problem found while reading a Dockerfile, at a file offset.
public struct DockerfileDiagnostic: Sendable, Hashable {
    public var offset: Int
    public var message: String
}

/// A parsed Dockerfile: instructions, stages and the variables each instruction sees.
public struct Dockerfile: Sendable {
    public var instructions: [DockerfileInstruction]
    /// The escape character (`\` unless a `# escape=` directive says otherwise).
    public var escape: UInt8
    public var stages: [DockerfileStage]
    /// `ARG` defaults declared before the first `FROM` (usable in `FROM`). A nil value: declared without default.
    public var globalArgs: [String: String?]
    public var diagnostics: [DockerfileDiagnostic]
    /// Per instruction: the variables (`ARG` defaults and `ENV` values of its stage)
    /// visible to it, with known values.
    public var variablesAt: [[String: String]]
}
