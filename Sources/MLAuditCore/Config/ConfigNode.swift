/// A format-neutral view of configuration values with the line each came from,
/// so YAML and TOML configuration share one loader and one set of error messages.
public indirect enum ConfigNode: Sendable {
    case scalar(String, line: Int?)
    case sequence([ConfigNode], line: Int?)
    case mapping([(key: String, keyLine: Int?, value: ConfigNode)], line: Int?)

    public var line: Int? {
        switch self {
        case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line): line
        }
    }

    public var scalar: String? {
        if case .scalar(let s, _) = self { return s }
        return nil
    }

    var kindName: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}
