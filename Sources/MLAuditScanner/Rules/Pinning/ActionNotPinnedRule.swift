import MLAuditCore
import MLAuditParsers
import Yams

/// PIN008: a GitHub Actions `uses:` not pinned to a full commit SHA.
/// Branch or no ref = error; a tag = warning; `./local` and `docker://…@sha256:` exempt.
struct ActionNotPinnedRule: FileRule {
    let ruleIDs = ["PIN008"]

    func applies(to kind: FileKind) -> Bool { kind == .githubWorkflow || kind == .githubAction }

    func check(_ file: FileContext) {
        guard let root = file.yamlNode else { return }
        var uses: [Node] = []
        if file.kind == .githubWorkflow {
            for (_, job) in root["jobs"]?.mapping ?? [:] {
                if let reusable = job["uses"] { uses.append(reusable) }
                for step in job["steps"]?.sequence ?? [] {
                    if let value = step["uses"] { uses.append(value) }
                }
            }
        } else {
            for step in root["runs"]?["steps"]?.sequence ?? [] {
                if let value = step["uses"] { uses.append(value) }
            }
        }
        for node in uses { judge(node, file: file) }
    }

    /// `v4`, `v1.2.3`, `1.0`, `v2.0.0-beta.1`: the shape of a release tag.
    static func looksLikeTag(_ ref: String) -> Bool {
        var s = Substring(ref)
        if s.first == "v" || s.first == "V" { s = s.dropFirst() }
        guard let first = s.first, first.isASCII, first.isNumber else { return false }
        var core = s
        if let dash = s.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            core = s[..<dash]
            let suffix = s[s.index(after: dash)...]
            guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else { return false }
        }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func isHex(_ s: Substring) -> Bool {
        s.allSatisfy { $0.isASCII && $0.isHexDigit }
    }

    func judge(_ node: Node, file: FileContext) {
        guard let value = node.string?.trimmingBlanks, !value.isEmpty, !value.contains("${{") else { return }
        if value.hasPrefix("./") || value.hasPrefix("../") { return }
        if value.lowercased().hasPrefix("docker://") {
            let image = String(value.dropFirst("docker://".count))
            let reference = ImageReference(image)
            switch reference.pinning {
            case .digest, .scratch:
                return
            case .none, .latest:
                report(file, node, "Docker action `\(value)` has no version (it follows `latest`); pin its digest (`docker://\(reference.name):<tag>@sha256:<digest>`)")
            case .tag:
                report(file, node, "Docker action `\(value)` is pinned by tag only; a tag can be re-pushed, so add the digest (`\(value)@sha256:<digest>`)", .warning)
            }
            return
        }
        guard let at = value.lastIndex(of: "@") else {
            report(file, node, "action `\(value)` has no ref, so it runs whatever its default branch holds; pin a full commit SHA (`\(value)@<40-hex sha>`)")
            return
        }
        let action = value[..<at]
        let ref = value[value.index(after: at)...]
        if ref.count == 40 && Self.isHex(ref) { return }
        if Self.looksLikeTag(String(ref)) {
            report(file, node, "action `\(value)` is pinned to tag `\(ref)`, which its owner can move to other code; pin the full commit SHA (`\(action)@<40-hex sha> # \(ref)`)", .warning)
        } else if ref.count >= 7 && ref.count < 40 && Self.isHex(ref) {
            report(file, node, "action `\(value)` uses an abbreviated commit; use the full 40-hex commit SHA")
        } else {
            report(file, node, "action `\(value)` follows branch `\(ref)`, so each run may get different code; pin the full commit SHA (`\(action)@<40-hex sha>`)")
        }
    }

    func report(_ file: FileContext, _ node: Node, _ message: String, _ severity: Severity? = nil) {
        file.report("PIN008", line: node.line, column: node.column, message: message, severity: severity)
    }
}
