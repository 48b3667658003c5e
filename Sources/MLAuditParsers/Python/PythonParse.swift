/// A file's tokens with their statement structure and line table, built once and
/// shared by the import and call extractors.
public struct PythonParse: @unchecked Sendable {
    public let tokens: [PythonToken]
    public let lines: PythonLineTable
    let structure: PythonStatements

    public init(_ bytes: [UInt8]) {
        tokens = PythonLexer.tokenize(bytes)
        lines = PythonLineTable(bytes)
        structure = PythonStatements(tokens: tokens, bytes: bytes)
    }
}
