import Foundation
import MLAuditCore
import MLAuditParsers

/// DAT003: a model or dataset loaded from the Hugging Face Hub or PyTorch Hub
/// without a pinned revision, so the same code may load different weights later.
struct HubRevisionRule: FileRule {
    let ruleIDs = ["DAT003"]
    func applies(to kind: FileKind) -> Bool { kind == .python || kind == .notebook || kind == .yaml }

    /// Where the repository ID is: (positional index, keyword).
    static let hubLoaderTable: [(names: [String], id: (Int, String))] = [
        (["datasets.load_dataset"], (0, "path")),
        (["huggingface_hub.hf_hub_download", "huggingface_hub.file_download.hf_hub_download"], (0, "repo_id")),
        (["huggingface_hub.snapshot_download", "huggingface_hub._snapshot_download.snapshot_download"], (0, "repo_id")),
        (["sentence_transformers.SentenceTransformer", "sentence_transformers.CrossEncoder"], (0, "model_name_or_path")),
        (["transformers.pipeline", "transformers.pipelines.pipeline"], (1, "model")),
    ]
    static let hubLoaders: [(names: NamePatterns, id: (Int, String))] = hubLoaderTable.map { (NamePatterns($0.names), $0.id) }
    /// Most calls are no hub loader: checked before the table.
    static let hubLoaderNames = NamePrefilter(hubLoaderTable.map(\.names))

    static func hubLoader(_ name: String) -> (names: NamePatterns, id: (Int, String))? {
        guard hubLoaderNames.mayMatch(name) else { return nil }
        return hubLoaders.first { $0.names.matches(name) }
    }

    static let packagedBuilders: Set<String> = ["csv", "json", "parquet", "text", "arrow", "pandas", "sql", "imagefolder", "audiofolder",
                                                "videofolder", "webdataset", "xml", "generator", "cache"]

    func check(_ file: FileContext) {
        if file.kind == .yaml {
            HubConfigKeys.check(file)
            return
        }
        guard let source = file.python else { return }
        let calls = source.calls
        guard calls.contains(where: Self.mayLoadFromHub) else { return }
        let resolver = HubIDResolver(source)
        // Names the code itself saves to are local directories, not hub repositories.
        var saved = Set<String>()
        for call in calls {
            if call.qualifiedName.endsWithBytes(".save_pretrained") || call.qualifiedName.endsWithBytes(".save_model"),
               let target = resolver.resolve(call.argument(0, or: "save_directory"), at: call.range.lowerBound), !target.isPattern {
                saved.insert(target.id)
            }
            if let target = resolver.resolve(call.argument("output_dir"), at: call.range.lowerBound), !target.isPattern { saved.insert(target.id) }
        }
        for call in calls where !call.hasStarredArguments {
            let name = call.qualifiedName
            if name.endsWithBytes(".from_pretrained") {
                // A project's own class (nanoGPT's GPT.from_pretrained) decides itself what it loads.
                guard call.isImported, !isProjectModule(name, file) else { continue }
                checkHF(call, id: call.argument(0, or: "pretrained_model_name_or_path"), resolver, saved: saved, source, file)
            } else if name == "torch.hub.load" || name == "torch.hub.list" || name == "torch.hub.help" {
                checkTorchHub(call, resolver, source, file)
            } else if call.isImported, let loader = Self.hubLoader(name) {
                let id = call.argument(loader.id.0, or: loader.id.1)
                if name.hasSuffix("load_dataset"), let builder = resolver.resolve(id, at: call.range.lowerBound),
                   Self.packagedBuilders.contains(builder.id) { continue }
                if name.hasSuffix("pipeline"), id == nil { continue }
                checkHF(call, id: id, resolver, saved: saved, source, file)
            }
        }
    }

    /// A cheap first look: whether a call may be one this rule checks.
    static func mayLoadFromHub(_ call: PythonCall) -> Bool {
        let name = call.qualifiedName
        if name.endsWithBytes(".from_pretrained") || name.utf8.starts(with: "torch.hub.".utf8) { return true }
        return call.isImported && hubLoader(name) != nil
    }

    private func checkHF(_ call: PythonCall, id: PythonArgument?, _ resolver: HubIDResolver, saved: Set<String>,
                         _ source: PythonSource, _ file: FileContext) {
        let at = call.range.lowerBound
        guard let resolved = resolver.resolve(id, at: at), !saved.contains(resolved.id) else { return }
        let repo = resolved.id
        // A name that says it is a local location (`args.output_dir`, `cache_dir`) holds a folder, whatever its default.
        if let via = resolved.via, Self.namesLocalLocation(via) { return }
        if resolved.isPattern {
            guard isHubID(String(repo.dropLast()), file) else { return }
        } else {
            guard isHubID(repo, file) else { return }
        }
        let revision = call.argument("revision")
        if let revision {
            switch revision.value {
            case .none: break
            case .string(let r) where r == "main" || r == "master": break
            case .name(let n) where ["main", "master"].contains(resolver.constant(n, at: at) ?? ""): break
            default: return
            }
        }
        let what = revision == nil ? "without revision=" : "with a revision that names a moving branch"
        let named = resolved.via.map { " (\($0))" } ?? ""
        file.report("DAT003", in: source, atByte: at,
                    message: "`\(call.callee)` loads \"\(repo)\"\(named) from the Hub \(what): the repository can change under the same name; pin revision=\"<commit sha>\"")
    }

    private func checkTorchHub(_ call: PythonCall, _ resolver: HubIDResolver, _ source: PythonSource, _ file: FileContext) {
        if let origin = call.argument("source")?.value.stringValue, origin == "local" { return }
        guard let resolved = resolver.resolve(call.argument(0, or: "repo_or_dir"), at: call.range.lowerBound), !resolved.isPattern else { return }
        let repo = resolved.id
        guard !isLocalPath(repo) else { return }
        let parts = repo.split(separator: ":", maxSplits: 1)
        if parts.count == 2, parts[1] != "main", parts[1] != "master", !parts[1].isEmpty { return }
        file.report("DAT003", in: source, atByte: call.range.lowerBound,
                    message: "`\(call.callee)` loads \"\(repo)\" from PyTorch Hub without a fixed ref: it follows the default branch; add a tag or commit (\"\(parts[0]):<tag>\")")
    }

    static let localFolderNames: Set<String> = ["models", "model", "checkpoints", "checkpoint", "ckpt", "ckpts", "data", "datasets",
                                                "dataset", "outputs", "output", "out", "runs", "weights", "pretrained", "saved",
                                                "saved_models", "results", "logs", "experiments", "exp", "tmp", "cache", "artifacts"]

    static func namesLocalLocation(_ via: String) -> Bool {
        let name = via.prefix { $0 != "," }.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["output", "out_dir", "save", "cache", "_dir", "dir_", "local", "tmp", "temp", "folder", "ckpt", "checkpoint"]
            .contains { name.contains($0) } || name == "dir" || name == "out"
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
        s.hasPrefix("./") || s.hasPrefix("../") || s.hasPrefix("/") || s.hasPrefix("~") || s.hasPrefix(".") || s.containsBytes("\\")
            || s.utf8.lazy.filter({ $0 == UInt8(ascii: "/") }).count > 1
    }

    private func isHubID(_ s: String, _ file: FileContext) -> Bool {
        if s.isEmpty || isLocalPath(s) || s.containsBytes(" ") || s.containsBytes("://") { return false }
        // `models/local`, `checkpoints/run1`: a project folder, not an organisation on the Hub.
        if let slash = s.firstIndex(of: "/"), Self.localFolderNames.contains(s[..<slash].lowercased()) { return false }
        // A directory of that name in the project (or beside the file) is what gets loaded.
        let beside = RelativePath.join(RelativePath.directory(of: file.relativePath), s)
        for candidate in [s, beside] where file.project.isDirectoryOnDisk(candidate) {
            return false
        }
        return true
    }
}
