import MLAuditCore
import Yams

/// Hub repositories named in YAML configuration read by training scripts
/// (`model_name_or_path: Qwen/Qwen2.5-0.5B`, the keys of transformers' and TRL's
/// argument dataclasses), in a mapping that names no revision.
enum HubConfigKeys {
    static let idKeys: Set<String> = ["model_name_or_path", "pretrained_model_name_or_path", "tokenizer_name_or_path", "tokenizer_name",
                                      "dataset_name", "base_model", "reward_model_path", "ref_model_name_or_path"]

    static func check(_ file: FileContext) {
        // A cheap look first: most YAML files hold none of these keys.
        guard idKeys.contains(where: { file.text.contains($0) }), let root = file.yamlNode else { return }
        walk(root, file)
    }

    private static func walk(_ node: Node, _ file: FileContext) {
        switch node {
        case .mapping(let mapping):
            let keys = mapping.compactMap { $0.key.scalar?.string }
            let namesRevision = keys.contains { $0 == "revision" || $0.hasSuffix("_revision") }
            for (key, value) in mapping {
                if let name = key.scalar?.string, idKeys.contains(name), !namesRevision,
                   let id = value.scalar?.string, isHubIDShape(id), !file.project.isDirectoryOnDisk(id),
                   !HubRevisionRule.localFolderNames.contains(String(id.prefix { $0 != "/" }).lowercased()) {
                    file.report("DAT003", line: value.line, column: value.column,
                                message: "`\(name)` names the Hub repository \"\(id)\" without a revision: the repository can change under the same name; add a revision key (model_revision / dataset_revision) with a commit sha")
                }
                walk(value, file)
            }
        case .sequence(let sequence):
            for item in sequence { walk(item, file) }
        default:
            break
        }
    }

    /// `org/name`: exactly one slash between two names, no file extension.
    static func isHubIDShape(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        for part in parts {
            guard let first = part.first, first.isLetter || first.isNumber,
                  part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else { return false }
        }
        let last = parts[1].lowercased()
        return !["pt", "pth", "bin", "ckpt", "safetensors", "json", "yaml", "yml", "txt", "csv", "gguf", "onnx"].contains { last.hasSuffix("." + $0) }
    }
}
