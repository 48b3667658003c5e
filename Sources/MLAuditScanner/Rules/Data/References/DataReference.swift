/// A place where code (or a configuration file that code loads) names a data file or
/// a directory of data, with the path as written, before it is resolved.
struct DataReference: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case file
        /// The literal prefix of a path built at run time (`f"data/{split}.csv"` names `data`).
        case directory
    }

    var path: String
    var kind: Kind
    /// How the code uses it, for messages: "read by `pd.read_csv`".
    var use: String
    var line: Int
    var column: Int
    var cell: Int?
}

/// What the data rules learn from one Python file or notebook, published for DAT001.
struct DataReferenceFacts: Sendable {
    static let key = "data-references"
    var references: [DataReference]
    /// Relative paths of YAML and JSON files the code names (configuration it loads).
    var configurationPaths: [String]
    /// Paths (as written, normalised) the file creates, and folders it fills: reads of
    /// them elsewhere in the project are of the project's own outputs.
    var producedFiles: Set<String> = []
    var producedDirectories: Set<String> = []
}

/// Data paths in the values of a YAML or JSON configuration file; they count as
/// references only when code names the file.
struct DataConfigurationFacts: Sendable {
    static let key = "data-configuration-values"
    var references: [DataReference]
}
