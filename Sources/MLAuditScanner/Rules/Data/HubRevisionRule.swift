import Foundation
import MLAuditCore
import MLAuditParsers

/// DAT003: a model or dataset loaded from the Hugging Face Hub or PyTorch Hub
/// without a pinned revision, so the same code may load different weights later.
struct HubRevisionRule: FileRule {
    let ruleIDs = ["DAT003"]
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .notebook }

    /// Where the repository ID is: (positional index, keyword).
    static let hubLoaders: [(names: NamePatterns, id: (Int, String))] = [
        (NamePatterns(["datasets.load_dataset"]), (0, "path")),
        (NamePatterns(["huggingface_hub.hf_hub_download", "huggingface_hub.file_download.hf_hub_download"]), (0, "repo_id")),
        (NamePatterns(["huggingface_hub.snapshot_download", "huggingface_hub._snapshot_download.snapshot_download"]), (0, "repo_id")),
        (NamePatterns(["sentence_transformers.SentenceTransformer", "sentence_transformers.CrossEncoder"]), (0, "model_name_or_path")),
        (NamePatterns(["transformers.pipeline", "transformers.pipelines.pipeline"]), (1, "model")),
    ]

    static let packagedBuilders: Set<String> = ["csv", "json", "parquet", "text", "arrow", "pandas", "sql", "imagefolder", "audiofolder",
                                                "videofolder", "webdataset", "xml", "generator", "cache"]

    func check(_ file: FileContext) {
        guard let source = file.python, source.calls.contains(where: Self.mayLoadFromHub) else { return }
        let constants = moduleConstants(source.summary)
        // Names the code itself saves to are local directories, not hub repositories.
        var saved = Set<String>()
        for call in source.calls where call.qualifiedName.hasSuffix(".save_pretrained") || call.qualifiedName.hasSuffix(".save_model") {
            if let target = literal(call.argument(0, or: "save_directory"), constants) { saved.insert(target) }
        }
        for call in source.calls {
            if let target = literal(call.argument("output_dir"), constants) { saved.insert(target) }
        }
        for call in source.calls where !call.hasStarredArguments {
            let name = call.qualifiedName
            if name.hasSuffix(".from_pretrained") {
                // A project's own class (nanoGPT's GPT.from_pretrained) decides itself what it loads.
                guard call.isImported, !isProjectModule(name, file) else { continue }
                checkHF(call, id: call.argument(0, or: "pretrained_model_name_or_path"), constants, saved: saved, source, file)
            } else if name == "torch.hub.load" || name == "torch.hub.list" || name == "torch.hub.help" {
                checkTorchHub(call, constants, source, file)
            } else if call.isImported, let loader = Self.hubLoaders.first(where: { $0.names.matches(name) }) {
                let id = call.argument(loader.id.0, or: loader.id.1)
                if name.hasSuffix("load_dataset"), let builder = literal(id, constants), Self.packagedBuilders.contains(builder) { continue }
                if name.hasSuffix("pipeline"), id == nil { continue }
                checkHF(call, id: id, constants, saved: saved, source, file)
            }
        }
    }

    /// A cheap first look: whether a call may be one this rule checks.
    static func mayLoadFromHub(_ call: PythonCall) -> Bool {
        let name = call.qualifiedName
        if name.hasSuffix(".from_pretrained") || name.hasPrefix("torch.hub.") { return true }
        return call.isImported && hubLoaders.contains { $0.names.matches(name) }
    }

    private func checkHF(_ call: PythonCall, id: PythonArgument?, _ constants: [String: String], saved: Set<String>,
                         _ source: PythonSource, _ file: FileContext) {
        guard let repo = literal(id, constants), isHubID(repo, file), !saved.contains(repo) else { return }
        let revision = call.argument("revision")
        if let revision {
            switch revision.value {
            case .none: break
            case .string(let r) where r == "main" || r == "master": break
            case .name(let n) where constants[n] == "main" || constants[n] == "master": break
            default: return
            }
        }
        let what = revision == nil ? "without revision=" : "with a revision that names a moving branch"
        file.report("DAT003", in: source, atByte: call.range.lowerBound,
                    message: "`\(call.callee)` loads \"\(repo)\" from the Hub \(what): the repository can change under the same name; pin revision=\"<commit sha>\"")
    }

    private func checkTorchHub(_ call: PythonCall, _ constants: [String: String], _ source: PythonSource, _ file: FileContext) {
        if let origin = call.argument("source")?.value.stringValue, origin == "local" { return }
        guard let repo = literal(call.argument(0, or: "repo_or_dir"), constants), !isLocalPath(repo) else { return }
        let parts = repo.split(separator: ":", maxSplits: 1)
        if parts.count == 2, parts[1] != "main", parts[1] != "master", !parts[1].isEmpty { return }
        file.report("DAT003", in: source, atByte: call.range.lowerBound,
                    message: "`\(call.callee)` loads \"\(repo)\" from PyTorch Hub without a fixed ref: it follows the default branch; add a tag or commit (\"\(parts[0]):<tag>\")")
    }

    /// A literal string argument, or a module-level name bound once to one.
    private func literal(_ argument: PythonArgument?, _ constants: [String: String]) -> String? {
        switch argument?.value {
        case .string(let s)?: return s
        case .name(let n)?: return constants[n]
        default: return nil
        }
    }

    /// Module-level names assigned exactly once, to a string literal.
    private func moduleConstants(_ summary: PythonCallSummary) -> [String: String] {
        var counts: [String: Int] = [:]
        var values: [String: String] = [:]
        for assignment in summary.assignments where !assignment.target.utf8.contains(UInt8(ascii: ".")) && assignment.key == nil {
            counts[assignment.target, default: 0] += 1
            if summary.enclosingFunction(ofByte: assignment.range.lowerBound) == nil, let s = assignment.value.stringValue {
                values[assignment.target] = s
            }
        }
        return values.filter { counts[$0.key] == 1 }
    }

    /// Whether a qualified name starts with a module of the project (relative, or a
    /// top-level name that is a file or package under the root or `src/`).
    private func isProjectModule(_ name: String, _ file: FileContext) -> Bool {
        if name.hasPrefix(".") { return true }
        let top = String(name.prefix { $0 != "." })
        let dir = RelativePath.directory(of: file.relativePath)
        for base in ["", "src", dir] {
            let module = RelativePath.join(base, top)
            if file.project.hasFile(module + ".py") || file.project.hasFile(module + "/__init__.py") { return true }
        }
        return false
    }

    private func isLocalPath(_ s: String) -> Bool {
        s.hasPrefix("./") || s.hasPrefix("../") || s.hasPrefix("/") || s.hasPrefix("~") || s.hasPrefix(".") || s.contains("\\")
            || s.filter({ $0 == "/" }).count > 1
    }

    private func isHubID(_ s: String, _ file: FileContext) -> Bool {
        if s.isEmpty || isLocalPath(s) || s.contains(" ") || s.contains("://") { return false }
        // A directory of that name in the project (or beside the file) is what gets loaded.
        let root = file.project.root
        let beside = RelativePath.join(RelativePath.directory(of: file.relativePath), s)
        for candidate in [s, beside] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(candidate).path, isDirectory: &isDirectory), isDirectory.boolValue {
                return false
            }
        }
        return true
    }
}
