import MLAuditCore
import MLAuditParsers
import Yams

extension FileContext {
    /// The Dockerfile, for Dockerfile/Containerfile kinds (nil otherwise). Its first
    /// problem (an unterminated continuation or here-document) is reported once as a
    /// diagnostic; everything read is still returned.
    public var dockerfile: Dockerfile? {
        artifact("dockerfile") { file -> Dockerfile? in
            guard file.kind == .dockerfile else { return nil }
            let parsed = DockerfileParser.parse(file.bytes)
            if let problem = parsed.diagnostics.first {
                let position = file.position(ofByte: problem.offset)
                file.diagnose(line: position.line, column: position.column, problem.message)
            }
            return parsed
        }
    }

    /// Every stretch of shell text in this file, split into commands whose words carry
    /// file byte offsets (`position(ofByte:)` gives line and column):
    /// - shell scripts: the whole file;
    /// - Dockerfiles: `RUN` (shell form with continuations, exec form, here-documents);
    /// - Makefiles: recipe lines;
    /// - GitHub workflows: `jobs.*.steps[].run`; composite actions: `runs.steps[].run`
    ///   (steps whose `shell` is Python are skipped);
    /// - GitLab CI: `script`, `before_script`, `after_script` of jobs, `default` and the top level;
    /// - notebooks: `!cmd`, `%pip`/`%conda` magics, `%%bash`/`%%sh` cells.
    ///
    /// Parsed once per file and shared by every rule. The first shell syntax problem
    /// (an unterminated quote) is reported once as a diagnostic.
    public var shellRegions: [ParsedShellRegion] {
        artifact("shellRegions") { file -> [ParsedShellRegion] in
            let regions = ShellRegionExtractor.regions(in: file)
            let parsed = regions.map(ParsedShellRegion.init(region:))
            if let problem = parsed.first(where: { $0.region.isPOSIX && !$0.diagnostics.isEmpty })?.diagnostics.first {
                let position = file.position(ofByte: problem.offset)
                file.diagnose(line: position.line, column: position.column, "shell syntax: \(problem.message)")
            }
            return parsed
        }
    }

    /// Every command of `shellRegions`, with the region it came from.
    public var shellCommands: [(command: ShellCommand, region: ShellRegion)] {
        shellRegions.flatMap { parsed in parsed.commands.map { (command: $0, region: parsed.region) } }
    }
}

/// Where shell text lives in each kind of file.
enum ShellRegionExtractor {
    static func regions(in file: FileContext) -> [ShellRegion] {
        switch file.kind {
        case .shell:
            return [ShellRegion(origin: .script, text: MappedText(file.bytes, fileOffset: 0))]
        case .dockerfile:
            return file.dockerfile?.shellRegions ?? []
        case .makefile:
            return MakefileRecipes.regions(file.bytes)
        case .notebook:
            return file.notebook?.shellRegions ?? []
        case .githubWorkflow:
            guard let root = file.yamlNode else { return [] }
            return workflowRegions(root, file: file)
        case .githubAction:
            guard let root = file.yamlNode, let runs = root["runs"] else { return [] }
            return stepRegions(runs["steps"], defaultShell: nil, file: file)
        case .gitlabCI:
            guard let root = file.yamlNode else { return [] }
            return gitlabRegions(root, file: file)
        default:
            return []
        }
    }

    static func scalarText(_ node: Node, file: FileContext) -> MappedText? {
        guard let scalar = node.scalar else { return nil }
        return YAMLScalarText.mappedText(value: scalar.string, style: scalar.style, line: node.line, column: node.column,
                                         bytes: file.bytes, lineStarts: file.lineStarts)
    }

    static func workflowRegions(_ root: Node, file: FileContext) -> [ShellRegion] {
        guard let jobs = root["jobs"]?.mapping else { return [] }
        let workflowShell = root["defaults"]?["run"]?["shell"]?.string
        var regions: [ShellRegion] = []
        for (_, job) in jobs {
            let shell = job["defaults"]?["run"]?["shell"]?.string ?? workflowShell
            regions += stepRegions(job["steps"], defaultShell: shell, file: file)
        }
        return regions
    }

    static func stepRegions(_ steps: Node?, defaultShell: String?, file: FileContext) -> [ShellRegion] {
        guard let steps = steps?.sequence else { return [] }
        var regions: [ShellRegion] = []
        for step in steps {
            guard let run = step["run"], let text = scalarText(run, file: file) else { continue }
            let shell = (step["shell"]?.string ?? defaultShell ?? "bash").lowercased()
            let program = shell.split(separator: " ").first.map { String($0.split(separator: "/").last ?? $0) } ?? shell
            if program.hasPrefix("python") { continue }
            var region = ShellRegion(origin: .workflowRun, text: text)
            region.isPOSIX = !["pwsh", "powershell", "cmd"].contains(program)
            regions.append(region)
        }
        return regions
    }

    static let gitlabScriptKeys = ["before_script", "script", "after_script"]

    static func gitlabRegions(_ root: Node, file: FileContext) -> [ShellRegion] {
        guard let top = root.mapping else { return [] }
        var regions: [ShellRegion] = []
        func scripts(of mapping: Node) {
            for key in gitlabScriptKeys {
                if let value = mapping[key] { collect(value) }
            }
        }
        func collect(_ node: Node) {
            switch node {
            case .scalar:
                if let text = scalarText(node, file: file) {
                    regions.append(ShellRegion(origin: .gitlabScript, text: text))
                }
            case .sequence(let sequence):
                if sequence.tag.rawValue == "!reference" { return }
                for item in sequence { collect(item) }
            default:
                break
            }
        }
        scripts(of: root)
        for (key, value) in top {
            guard value.mapping != nil, let name = key.string, !gitlabScriptKeys.contains(name) else { continue }
            scripts(of: value)
        }
        return regions
    }
}
