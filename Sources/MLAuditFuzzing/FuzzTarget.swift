/// The parsers fuzzed by `mlaudit-fuzz` (and replayed by its regression tests).
/// Each target takes arbitrary bytes and must return without trapping, whatever
/// they are; where a parser promises more (offsets inside the input, lines from 1),
/// the target checks it and traps when the promise is broken.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case pythonLexer = "python-lexer"
    case requirements
    case notebook
    case dockerfile
    case manifest
    case diffReaders = "diff-readers"
    case toml
    case glob

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .pythonLexer: PythonLexerTarget.run(bytes)
        case .requirements: RequirementsTarget.run(bytes)
        case .notebook: NotebookTarget.run(bytes)
        case .dockerfile: DockerfileTarget.run(bytes)
        case .manifest: ManifestTarget.run(bytes)
        case .diffReaders: DiffReadersTarget.run(bytes)
        case .toml: TOMLTarget.run(bytes)
        case .glob: GlobTarget.run(bytes)
        }
    }

    /// Names for usage messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
