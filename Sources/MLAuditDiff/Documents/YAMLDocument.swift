import MLAuditCore
import Yams

/// YAML through libyaml (Yams), as a `DocumentNode` with 1-based lines.
public enum YAMLDocument {
    public struct SyntaxError: Error, Sendable {
        public var line: Int?
        public var reason: String
    }

    public static func parse(_ text: String) throws(SyntaxError) -> DocumentNode? {
        do {
            guard let node = try YAMLGuard.compose(text, limits: InputLimits()) else { return nil }
            return convert(node)
        } catch let error as YAMLGuard.LimitExceeded {
            throw SyntaxError(line: error.line, reason: "not read: \(error.reason)")
        } catch let error as YamlError {
            throw SyntaxError(line: YAMLErrorLocation.line(of: error), reason: YAMLErrorLocation.reason(of: error))
        } catch {
            throw SyntaxError(line: nil, reason: "\(error)")
        }
    }

    private static func convert(_ node: Node) -> DocumentNode {
        let line = node.mark?.line ?? 1
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return .null(line: line) }
            return scalar.style == .plain ? .scalar(scalar.string, line: line) : .string(scalar.string, line: line)
        case .sequence(let sequence):
            return .sequence(sequence.map(convert), line: line)
        case .mapping(let mapping):
            return .mapping(mapping.map { (key: $0.key.string ?? "", value: convert($0.value)) }, line: line)
        case .alias:
            return .null(line: line)
        }
    }
}
