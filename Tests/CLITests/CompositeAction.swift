import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// The parts of action.yml that a runner reads, parsed with the YAML reader mlaudit uses.
struct CompositeAction {
    struct Input {
        var description: String
        var defaultValue: String?
    }

    struct Step {
        var name: String
        var id: String?
        var condition: String?
        var uses: String?
        var run: String?
        var shell: String?
        var env: [String: String]
        var with: [String: String]
    }

    var inputs: [String: Input]
    var outputs: [String: String]
    var using: String
    var steps: [Step]

    static func load() throws -> CompositeAction {
        let text = try String(contentsOf: PackagePaths.root.appendingPathComponent("action.yml"), encoding: .utf8)
        let root = try Self.fields(try #require(try ConfigNode.fromYAML(text, file: "action.yml")))
        let runs = try Self.fields(try #require(root["runs"]))
        guard case .sequence(let items, _) = try #require(runs["steps"]) else { throw Failure("runs.steps must be a list") }
        return CompositeAction(
            inputs: try Self.fields(try #require(root["inputs"])).mapValues { node in
                let input = try Self.fields(node)
                return Input(description: input["description"]?.scalar ?? "", defaultValue: input["default"]?.scalar)
            },
            outputs: try Self.fields(try #require(root["outputs"])).mapValues { try Self.fields($0)["value"]?.scalar ?? "" },
            using: runs["using"]?.scalar ?? "",
            steps: try items.map { item in
                let step = try Self.fields(item)
                return Step(
                    name: step["name"]?.scalar ?? "", id: step["id"]?.scalar, condition: step["if"]?.scalar,
                    uses: step["uses"]?.scalar, run: step["run"]?.scalar, shell: step["shell"]?.scalar,
                    env: try step["env"].map { try Self.fields($0).mapValues { $0.scalar ?? "" } } ?? [:],
                    with: try step["with"].map { try Self.fields($0).mapValues { $0.scalar ?? "" } } ?? [:]
                )
            }
        )
    }

    /// The `with:` keys of every step in a workflow snippet whose `uses:` starts with `prefix`.
    static func withKeys(ofUses prefix: String, in workflow: String) -> [String] {
        guard let root = try? ConfigNode.fromYAML(workflow, file: "snippet") else { return [] }
        var keys: [String] = []
        func visit(_ node: ConfigNode) {
            switch node {
            case .scalar: break
            case .sequence(let items, _): items.forEach(visit)
            case .mapping(let pairs, _):
                let values = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
                if values["uses"]?.scalar?.hasPrefix(prefix) == true, case .mapping(let with, _)? = values["with"] {
                    keys += with.map(\.key)
                }
                pairs.forEach { visit($0.value) }
            }
        }
        visit(root)
        return keys
    }

    private static func fields(_ node: ConfigNode) throws -> [String: ConfigNode] {
        guard case .mapping(let pairs, _) = node else { throw Failure("expected a mapping at line \(node.line ?? 0)") }
        return Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
