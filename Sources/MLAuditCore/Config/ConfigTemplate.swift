/// The commented starter configuration written by `mlaudit init`, as `mlaudit.yaml`
/// or as a `[tool.mlaudit]` table for pyproject.toml. Every key has a comment and an
/// example; only `project-kind` is set, the rest show their defaults commented out.
public enum ConfigTemplate {
    struct Entry {
        var comment: [String]
        var yaml: [String]
        var toml: [String]
        var isActive = false
    }

    /// `mlaudit.yaml`. With `examplesEnabled` every example is live (to check that they load).
    public static func yaml(projectKind: ProjectKindGuess, examplesEnabled: Bool = false) -> String {
        render(header + [""], entries(projectKind), \.yaml, examplesEnabled: examplesEnabled)
    }

    /// A `[tool.mlaudit]` table (with its sub-tables commented out) to append to pyproject.toml.
    public static func pyprojectTable(projectKind: ProjectKindGuess, examplesEnabled: Bool = false) -> String {
        render(header + ["[tool.mlaudit]", ""], entries(projectKind), \.toml, examplesEnabled: examplesEnabled)
    }

    static let header = [
        "# mlaudit configuration: every key is described in docs/configuration.md.",
        "# Commented-out keys show their defaults or an example; uncomment one to use it.",
    ]

    private static func render(_ lead: [String], _ entries: [Entry], _ lines: KeyPath<Entry, [String]>, examplesEnabled: Bool) -> String {
        var out = lead
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append("") }
            out += entry.comment.map { "# " + $0 }
            out += entry[keyPath: lines].map { entry.isActive || examplesEnabled ? $0 : "# " + $0 }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Scalar keys first: in TOML they must precede the sub-tables of `[tool.mlaudit]`.
    private static func entries(_ guess: ProjectKindGuess) -> [Entry] {
        let prefixes = RuleCategory.allCases.map { "\($0.prefix) \($0.title.lowercased())" }
        return [
            Entry(
                comment: [
                    "application: everything installed must be pinned exactly; library: the package",
                    "metadata may use version ranges. Guessed \(guess.kind.rawValue): \(guess.reason).",
                ],
                yaml: ["project-kind: \(guess.kind.rawValue)"],
                toml: ["project-kind = \"\(guess.kind.rawValue)\""],
                isActive: true
            ),
            Entry(
                comment: ["Only these rules run: IDs or prefixes (default ALL, every rule). Prefixes:"]
                    + stride(from: 0, to: prefixes.count, by: 3).map { "  " + prefixes[$0..<min($0 + 3, prefixes.count)].joined(separator: ", ") },
                yaml: ["select: [ALL]"],
                toml: ["select = [\"ALL\"]"]
            ),
            Entry(
                comment: ["These rules never run: IDs or prefixes."],
                yaml: ["ignore: [PIN009]"],
                toml: ["ignore = [\"PIN009\"]"]
            ),
            Entry(
                comment: ["Files and directories never scanned (.gitignore syntax; a pattern with / is anchored at the root)."],
                yaml: ["exclude:", "  - third_party/", "  - \"*_pb2.py\""],
                toml: ["exclude = [\"third_party/\", \"*_pb2.py\"]"]
            ),
            Entry(
                comment: ["Larger files are not read (mlaudit scan --verbose lists them)."],
                yaml: ["max-file-size: 10MB"],
                toml: ["max-file-size = \"10MB\""]
            ),
            Entry(
                comment: ["Notebooks have their own limit: their outputs are stepped over, not read."],
                yaml: ["max-notebook-size: 100MB"],
                toml: ["max-notebook-size = \"100MB\""]
            ),
            Entry(
                comment: ["YAML, TOML and notebook JSON nested deeper than this are reported, not parsed."],
                yaml: ["max-nesting-depth: 200"],
                toml: ["max-nesting-depth = 200"]
            ),
            Entry(
                comment: ["A YAML file whose aliases expand to more nodes than this is reported, not read."],
                yaml: ["max-yaml-nodes: 1000000"],
                toml: ["max-yaml-nodes = 1000000"]
            ),
            Entry(
                comment: ["Findings of one rule in one file past this are counted, not listed."],
                yaml: ["max-findings-per-rule: 100"],
                toml: ["max-findings-per-rule = 100"]
            ),
            Entry(
                comment: ["Files above this size must be tracked with Git LFS or DVC (DAT004)."],
                yaml: ["large-file-threshold: 5MB"],
                toml: ["large-file-threshold = \"5MB\""]
            ),
            Entry(
                comment: ["Severity overrides (error, warning or note); --fail-on and every report follow them."],
                yaml: ["severity:", "  PIN005: error"],
                toml: ["[tool.mlaudit.severity]", "PIN005 = \"error\""]
            ),
            Entry(
                comment: ["Rules that do not apply to files matching a glob."],
                yaml: ["per-file-ignores:", "  \"notebooks/scratch/**\": [PIN002, RND]"],
                toml: ["[tool.mlaudit.per-file-ignores]", "\"notebooks/scratch/**\" = [\"PIN002\", \"RND\"]"]
            ),
            Entry(
                comment: ["Import names that come from a distribution of another name (for DEC001)."],
                yaml: ["import-map:", "  mycompany_utils: [mycompany-utils]"],
                toml: ["[tool.mlaudit.import-map]", "mycompany_utils = [\"mycompany-utils\"]"]
            ),
            Entry(
                comment: [
                    "Datasets and models the project needs: a path (file, directory or glob) is required;",
                    "source, sha256 or md5, size, description and license say where to get it and how to check it.",
                ],
                yaml: [
                    "data:",
                    "  - path: data/train.csv",
                    "    source: https://example.org/datasets/train.csv",
                    "    sha256: \(exampleSHA256)",
                    "    md5: \(exampleMD5)",
                    "    size: 120MB",
                    "    description: training split",
                    "    license: CC-BY-4.0",
                ],
                toml: [
                    "[[tool.mlaudit.data]]",
                    "path = \"data/train.csv\"",
                    "source = \"https://example.org/datasets/train.csv\"",
                    "sha256 = \"\(exampleSHA256)\"",
                    "md5 = \"\(exampleMD5)\"",
                    "size = \"120MB\"",
                    "description = \"training split\"",
                    "license = \"CC-BY-4.0\"",
                ]
            ),
        ]
    }

    private static let exampleSHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    private static let exampleMD5 = "098f6bcd4621d373cade4e832627b4f6"
}
