import MLAuditCore
import MLAuditParsers

/// PIN006 in commands: `pip install --extra-index-url URL` (also `uv pip install`,
/// `pipx`, `uv tool install`), `PIP_EXTRA_INDEX_URL`/`UV_EXTRA_INDEX_URL` set for a
/// command, exported, or set with Dockerfile `ENV`, and
/// `pip config set <section>.extra-index-url URL`.
struct InstallCommandExtraIndexRule: FileRule {
    let ruleIDs = ["PIN006"]

    func applies(to kind: FileKind) -> Bool { ShellBearingKinds.all.contains(kind) }

    static let variables: Set<String> = ["PIP_EXTRA_INDEX_URL", "UV_EXTRA_INDEX_URL"]

    static let consequence = "adds a second package index: the resolver may take a package from either (dependency confusion, results that depend on the index contents); use one index that mirrors what you need, or pin the package to its index"

    func check(_ file: FileContext) {
        var reported: Set<Int> = []
        func report(_ word: ShellWord, _ what: String, cell: Int?) {
            guard reported.insert(word.offset).inserted else { return }
            file.report("PIN006", at: word, message: "\(what) \(Self.consequence)", cell: cell)
        }
        for located in file.installCommands where located.install.tool.family == .python {
            for option in located.install.options where option.name == "--extra-index-url" {
                let url = option.value.map { " \(PinningText.redacted($0))" } ?? ""
                report(option.word, "`--extra-index-url\(url)` in `\(located.install.displayName)`", cell: located.cell)
            }
        }
        for (command, region) in file.shellCommands {
            var words = command.words[...]
            if words.first?.text == "export" || words.first?.text == "declare" { words = words.dropFirst() }
            // Assignments before a command, or the arguments of `export`.
            for word in words {
                guard let eq = word.text.firstIndex(of: "=") else {
                    if command.words.first?.text == "export" { continue }
                    break
                }
                let name = String(word.text[..<eq])
                if Self.variables.contains(name) {
                    let url = PinningText.redacted(String(word.text[word.text.index(after: eq)...]))
                    report(word, "`\(name)=\(url)`", cell: region.cell)
                }
            }
            // pip config set global.extra-index-url URL
            let texts = command.words.map(\.text)
            if let pip = texts.firstIndex(where: { InstallCommandRecognizer.isPip(InstallCommandRecognizer.basename($0)) }),
               let config = texts[pip...].firstIndex(of: "config"), config + 2 < texts.count, texts[config + 1] == "set",
               texts[config + 2].lowercased().replacingUnderscoresWithDashes().hasSuffix(".extra-index-url") {
                report(command.words[config + 2], "`pip config set \(texts[config + 2])`", cell: region.cell)
            }
        }
        // Dockerfile ENV PIP_EXTRA_INDEX_URL=…
        if let dockerfile = file.dockerfile {
            for instruction in dockerfile.instructions where instruction.keyword == "ENV" {
                for word in ShellSplitter.split(instruction.arguments).commands.flatMap(\.words) {
                    let name = String(word.text.prefix { $0 != "=" && $0 != " " })
                    if Self.variables.contains(name) {
                        report(word, "`ENV \(name)`", cell: nil)
                    }
                }
            }
        }
    }
}

extension String {
    func replacingUnderscoresWithDashes() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
