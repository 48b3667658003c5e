import Foundation
import MLAuditTestSupport
import Testing

/// Runs action.yml in a copy of a fixture the way a runner would: `${{ … }}`
/// expressions resolved, `if:` conditions evaluated, each `run:` script given to
/// `bash -eo pipefail` with the runner's output and summary files, and `uses:`
/// steps recorded instead of run. `python3` and the `pip` of the virtual environment it
/// creates are stubs that log their arguments; the installed `mlaudit` is the built binary.
final class ActionRun {
    let action: CompositeAction
    let with: [String: String]
    let workspace: URL
    let actionPath: URL
    private let scratch: TemporaryTree
    private let stubs: URL
    private let withoutPython: Bool

    private(set) var status: Int32 = 0
    private(set) var stdout = ""
    private(set) var stderr = ""
    private(set) var uploaded: [String] = []
    private var stepOutputs: [String: [String: String]] = [:]

    /// `venvFails`: `python3 -m venv` exits 1, as on a Debian image without python3-venv.
    init(fixture: String, with: [String: String] = [:], withoutPython: Bool = false, venvFails: Bool = false) throws {
        action = try CompositeAction.load()
        self.with = with
        self.withoutPython = withoutPython
        scratch = try TemporaryTree()
        workspace = scratch.url.appendingPathComponent("workspace")
        try FileManager.default.copyItem(at: PackagePaths.fixtures.appendingPathComponent(fixture), to: workspace)
        actionPath = scratch.url.appendingPathComponent("action")
        try FileManager.default.createDirectory(at: actionPath, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("runner-temp"), withIntermediateDirectories: true)
        stubs = scratch.url.appendingPathComponent("stubs")
        if !withoutPython {
            // pip's stub "installs" by linking the built binary into the environment's bin/.
            let pip = """
            #!/bin/sh
            echo "pip $*" >> "$STUB_LOG"
            case " $* " in *" install "*) ln -sf '\(PackagePaths.binary.path)' "$(dirname "$0")/mlaudit" ;; esac
            """
            let venv = venvFails ? "exit 1" : """
            if [ "$1 $2" = "-m venv" ]; then
              mkdir -p "$3/bin"
              cat > "$3/bin/pip" <<'PIP'
            \(pip)
            PIP
              chmod +x "$3/bin/pip"
            fi
            """
            try writeStub("python3", venv)
        }
        try scratch.write("summary.md", "")
    }

    func write(_ path: String, _ content: String) throws {
        try Data(content.utf8).write(to: workspace.appendingPathComponent(path))
    }

    var stepSummary: String { (try? String(contentsOf: scratch.url.appendingPathComponent("summary.md"), encoding: .utf8)) ?? "" }

    var stubLog: [String] {
        let text = (try? String(contentsOf: scratch.url.appendingPathComponent("stubs.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// The action's outputs; an output whose step never set it is absent.
    var outputs: [String: String] { action.outputs.compactMapValues { try? resolve($0, missing: nil) } }

    func execute() throws {
        for (index, step) in action.steps.enumerated() {
            guard try shouldRun(step) else { continue }
            if step.uses != nil {
                #expect(step.uses!.hasPrefix("github/codeql-action/upload-sarif@"), "unexpected action \(step.uses!)")
                uploaded.append(try resolve(step.with["sarif_file"] ?? ""))
                continue
            }
            let code = try runScript(step, index: index)
            if code != 0 && status == 0 { status = code }
        }
    }

    private func runScript(_ step: CompositeAction.Step, index: Int) throws -> Int32 {
        let script = scratch.url.appendingPathComponent("step-\(index).sh")
        let outputFile = scratch.url.appendingPathComponent("output-\(index)")
        try Data(try resolve(step.run ?? "").utf8).write(to: script)
        try Data().write(to: outputFile)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GITHUB_") && !$0.key.hasPrefix("RUNNER_") }
        environment["PATH"] = ([stubs.path] + (try searchPath())).joined(separator: ":")
        environment["STUB_LOG"] = scratch.url.appendingPathComponent("stubs.log").path
        environment["GITHUB_OUTPUT"] = outputFile.path
        environment["GITHUB_STEP_SUMMARY"] = scratch.url.appendingPathComponent("summary.md").path
        environment["GITHUB_ACTION_PATH"] = actionPath.path
        environment["RUNNER_TEMP"] = scratch.url.appendingPathComponent("runner-temp").path
        environment["RUNNER_OS"] = "Linux"
        for (key, value) in step.env { environment[key] = try resolve(value) }
        let result = try CommandRunner.run(URL(fileURLWithPath: "/bin/bash"), ["--noprofile", "--norc", "-eo", "pipefail", script.path],
                                           in: workspace, environment: environment)
        stdout += result.stdout
        stderr += result.stderr
        if let id = step.id {
            let lines = try String(contentsOf: outputFile, encoding: .utf8).split(separator: "\n")
            stepOutputs[id] = Dictionary(lines.compactMap { line in
                line.firstIndex(of: "=").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) }
            }, uniquingKeysWith: { _, last in last })
        }
        return result.status
    }

    /// The real PATH less the toolchain's directories (the action must not need Swift); with no
    /// Python, only a directory of links to the few programs the scripts call besides python3.
    private func searchPath() throws -> [String] {
        let entries = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
            .filter { !FileManager.default.isExecutableFile(atPath: $0 + "/swift") }
        guard withoutPython else { return entries }
        let tools = scratch.url.appendingPathComponent("tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        for name in ["sh", "bash", "cat", "chmod", "dirname", "grep", "ln", "mkdir", "mktemp", "rm", "tail"] {
            guard let real = entries.lazy.map({ URL(fileURLWithPath: $0).appendingPathComponent(name) })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else { continue }
            try? FileManager.default.createSymbolicLink(at: tools.appendingPathComponent(name), withDestinationURL: real)
        }
        return [tools.path]
    }

    private func writeStub(_ name: String, _ action: String) throws {
        let url = stubs.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: stubs, withIntermediateDirectories: true)
        try Data("#!/bin/sh\necho \"\(name) $*\" >> \"$STUB_LOG\"\n\(action)\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    // MARK: Expressions

    /// Replaces every `${{ … }}`; a step output nobody set becomes `missing`, or the resolution fails when that is nil.
    private func resolve(_ text: String, missing: String? = "") throws -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            result += rest[..<open.lowerBound]
            let expression = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let value = try value(of: expression) ?? missing else { throw CompositeAction.Failure("\(expression) was never set") }
            result += value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The contexts action.yml uses: inputs, github.action_path, runner.os and step outputs.
    private func value(of expression: String) throws -> String? {
        let parts = expression.split(separator: ".").map(String.init)
        switch parts.first {
        case "inputs" where parts.count == 2:
            guard let input = action.inputs[parts[1]] else { throw CompositeAction.Failure("undeclared input \(parts[1])") }
            return with[parts[1]] ?? input.defaultValue ?? ""
        case "github" where parts == ["github", "action_path"]:
            return actionPath.path
        case "runner" where parts == ["runner", "os"]:
            return "Linux"
        case "steps" where parts.count == 4 && parts[2] == "outputs":
            return stepOutputs[parts[1]]?[parts[3]]
        default:
            throw CompositeAction.Failure("expression the test runner does not know: \(expression)")
        }
    }

    /// `if:` as terms joined by `&&`: `always()`, `success()`, or `a == 'x'` / `a != 'x'`
    /// (compared case-insensitively, as GitHub does). No `if:` means `success()`.
    private func shouldRun(_ step: CompositeAction.Step) throws -> Bool {
        guard let written = step.condition else { return status == 0 }
        let condition = written.replacingOccurrences(of: "${{", with: "").replacingOccurrences(of: "}}", with: "")
        var usesStatusFunction = false
        var holds = true
        for term in condition.components(separatedBy: "&&").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch term {
            case "always()": usesStatusFunction = true
            case "success()": usesStatusFunction = true; holds = holds && status == 0
            default:
                let negated = term.contains("!=")
                let sides = term.components(separatedBy: negated ? "!=" : "==").map { $0.trimmingCharacters(in: .whitespaces) }
                guard sides.count == 2 else { throw CompositeAction.Failure("condition the test runner does not know: \(term)") }
                let (left, right) = (try operand(sides[0]), try operand(sides[1]))
                holds = holds && ((left.lowercased() == right.lowercased()) != negated)
            }
        }
        return holds && (usesStatusFunction || status == 0)
    }

    private func operand(_ text: String) throws -> String {
        if text.hasPrefix("'") && text.hasSuffix("'") && text.count >= 2 { return String(text.dropFirst().dropLast()) }
        return try value(of: text) ?? ""
    }
}
