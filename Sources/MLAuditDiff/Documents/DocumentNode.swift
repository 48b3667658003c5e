/// A parsed JSON or YAML document with the line of every value, so readers of
/// either syntax share one way to walk the tree and to point at lines.
public enum DocumentNode: Sendable {
    case null(line: Int)
    case scalar(String, line: Int)
    /// JSON numbers and booleans keep their text; `isString` tells them from strings.
    case string(String, line: Int)
    case sequence([DocumentNode], line: Int)
    case mapping([(key: String, value: DocumentNode)], line: Int)

    public var line: Int {
        switch self {
        case .null(let line), .scalar(_, let line), .string(_, let line), .sequence(_, let line), .mapping(_, let line): line
        }
    }

    public subscript(key: String) -> DocumentNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        for pair in pairs where pair.key == key { return pair.value }
        return nil
    }

    /// A string or scalar's text (numbers and booleans as written).
    public var text: String? {
        switch self {
        case .scalar(let s, _), .string(let s, _): s
        default: nil
        }
    }

    /// Non-empty text.
    public var nonEmptyText: String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// An integer, also written as `8.0` or `8e0`; nil when it does not fit (`1e30`, `1e400`).
    public var int: Int? { text.flatMap { Int($0) ?? Double($0).flatMap { Int(exactly: $0.rounded(.towardZero)) } } }

    public var bool: Bool? {
        switch text?.lowercased() {
        case "true", "yes": true
        case "false", "no": false
        default: nil
        }
    }

    public var items: [DocumentNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    public var pairs: [(key: String, value: DocumentNode)]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    public var isMapping: Bool { pairs != nil }

    /// Follows a path of keys.
    public subscript(first: String, second: String, rest: String...) -> DocumentNode? {
        var node = self[first]?[second]
        for key in rest { node = node?[key] }
        return node
    }
}
