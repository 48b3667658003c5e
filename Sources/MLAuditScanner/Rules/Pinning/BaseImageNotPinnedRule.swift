import MLAuditCore
import MLAuditParsers
import Yams

/// PIN007: a container image without a digest: Dockerfile `FROM`, compose
/// `services.*.image`, GitHub workflow `container:`/`services:`, GitLab CI
/// `image:`/`services:`. No tag or `latest` = error; a tag without digest = note.
struct BaseImageNotPinnedRule: FileRule {
    let ruleIDs = ["PIN007"]

    func applies(to kind: FileKind) -> Bool {
        kind == .dockerfile || kind == .compose || kind == .githubWorkflow || kind == .gitlabCI
    }

    func check(_ file: FileContext) {
        switch file.kind {
        case .dockerfile: checkDockerfile(file)
        case .compose: checkCompose(file)
        case .githubWorkflow: checkWorkflow(file)
        case .gitlabCI: checkGitLab(file)
        default: break
        }
    }

    // MARK: Judging

    /// Reports an image reference (already resolved) at a place, unless it is pinned.
    static func judge(_ image: String, shownAs written: String, kind: String, file: FileContext, line: Int, column: Int) {
        let reference = ImageReference(image)
        let via = written == image ? "" : " (`\(written)`)"
        switch reference.pinning {
        case .digest, .scratch:
            return
        case .none:
            file.report("PIN007", line: line, column: column,
                        message: "\(kind) `\(image)`\(via) has no tag, so it means whatever `latest` is when it is pulled; pin it by digest (`\(image):<tag>@sha256:<digest>`)")
        case .latest:
            file.report("PIN007", line: line, column: column,
                        message: "\(kind) `\(image)`\(via) uses the `latest` tag, which moves with every release; pin a version and its digest (`\(reference.name):<version>@sha256:<digest>`)")
        case .tag:
            file.report("PIN007", line: line, column: column,
                        message: "\(kind) `\(image)`\(via) is pinned by tag only; a tag can be re-pushed with different content, so add its digest (`\(image)@sha256:<digest>`)",
                        severity: .note)
        }
    }

    // MARK: Dockerfile

    func checkDockerfile(_ file: FileContext) {
        guard let dockerfile = file.dockerfile else { return }
        for stage in dockerfile.stages {
            // `FROM builder`: an earlier stage of this Dockerfile.
            if stage.parentStage != nil { continue }
            let position = file.position(ofByte: stage.imageOffset)
            if !stage.unresolvedVariables.isEmpty {
                if ImageReference(stage.resolvedImage).hasValidDigest { continue }
                let names = stage.unresolvedVariables.map { "`\($0)`" }.joined(separator: ", ")
                file.report("PIN007", line: position.line, column: position.column,
                            message: "base image `\(stage.image)` depends on build argument \(names) with no default, so the Dockerfile does not say which image it builds on; declare `ARG` with a default pinned by digest")
                continue
            }
            Self.judge(stage.resolvedImage, shownAs: stage.image, kind: "base image", file: file, line: position.line, column: position.column)
        }
    }

    // MARK: YAML files

    /// Resolves `${VAR:-default}`/`${VAR-default}` to the default and `$$` to `$`;
    /// nil when another variable is used (its value comes from outside the file).
    static func resolveDefaults(_ text: String, variables: [String: String] = [:]) -> String? {
        guard text.contains("$") else { return text }
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                out += "$"
                rest = after.dropFirst()
                continue
            }
            if after.hasPrefix("{"), let close = after.firstIndex(of: "}") {
                let inner = after[after.index(after: after.startIndex)..<close]
                if let known = variables[String(inner)] {
                    out += known
                } else if let r = inner.firstRange(of: ":-") ?? inner.firstRange(of: "-") {
                    let name = String(inner[..<r.lowerBound])
                    out += variables[name] ?? String(inner[r.upperBound...])
                } else {
                    return nil
                }
                rest = after[after.index(after: close)...]
                continue
            }
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty, let known = variables[String(name)] else { return nil }
            out += known
            rest = after.dropFirst(name.count)
        }
        out += rest
        return out
    }

    static func judgeNode(_ node: Node, kind: String, file: FileContext, variables: [String: String] = [:]) {
        guard let written = node.string?.trimmingBlanks, !written.isEmpty, !written.contains("${{") else { return }
        guard let image = resolveDefaults(written, variables: variables) else { return }
        judge(image, shownAs: written, kind: kind, file: file, line: node.line, column: node.column)
    }

    func checkCompose(_ file: FileContext) {
        guard let services = file.yamlNode?["services"]?.mapping else { return }
        for (_, service) in services {
            // With `build:`, `image:` names the image built here, not one pulled.
            guard service.mapping != nil, service["build"] == nil, let image = service["image"] else { continue }
            Self.judgeNode(image, kind: "image", file: file)
        }
    }

    func checkWorkflow(_ file: FileContext) {
        guard let jobs = file.yamlNode?["jobs"]?.mapping else { return }
        for (_, job) in jobs {
            if let container = job["container"] {
                if container.scalar != nil {
                    Self.judgeNode(container, kind: "job container image", file: file)
                } else if let image = container["image"] {
                    Self.judgeNode(image, kind: "job container image", file: file)
                }
            }
            for (_, service) in job["services"]?.mapping ?? [:] {
                if let image = service["image"] {
                    Self.judgeNode(image, kind: "service image", file: file)
                } else if service.scalar != nil {
                    Self.judgeNode(service, kind: "service image", file: file)
                }
            }
        }
    }

    static let gitlabReserved: Set<String> = ["stages", "variables", "workflow", "include", "cache", "before_script", "after_script", "spec"]

    func checkGitLab(_ file: FileContext) {
        guard let root = file.yamlNode, let top = root.mapping else { return }
        let globals = Self.gitlabVariables(root["variables"])
        func check(_ holder: Node, variables: [String: String]) {
            if let image = holder["image"] {
                Self.judgeNode(image.scalar != nil ? image : image["name"] ?? image, kind: "CI image", file: file, variables: variables)
            }
            for service in holder["services"]?.sequence ?? [] {
                Self.judgeNode(service.scalar != nil ? service : service["name"] ?? service, kind: "CI service image", file: file, variables: variables)
            }
        }
        check(root, variables: globals)
        for (key, value) in top {
            guard let name = key.string, !Self.gitlabReserved.contains(name), value.mapping != nil,
                  name != "image", name != "services" else { continue }
            let local = globals.merging(Self.gitlabVariables(value["variables"])) { _, new in new }
            check(value, variables: local)
        }
    }

    static func gitlabVariables(_ node: Node?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in node?.mapping ?? [:] {
            guard let name = key.string else { continue }
            if let text = value.string {
                result[name] = text
            } else if let text = value["value"]?.string {
                result[name] = text
            }
        }
        return result
    }
}
