import MLAuditParsers

/// Splits shell regions into commands and recognizes install commands, checking
/// that every word and diagnostic maps back inside the file.
enum ShellCheck {
    static func run(_ regions: [ShellRegion], fileSize: Int) {
        for region in regions {
            checkMapping(region.text, fileSize: fileSize)
            let parsed = ParsedShellRegion(region: region)
            for diagnostic in parsed.diagnostics {
                invariant(diagnostic.offset >= 0 && diagnostic.offset <= fileSize, "shell diagnostic at \(diagnostic.offset) of \(fileSize)")
            }
            for command in parsed.commands {
                for word in command.words {
                    // A word may end one past the file: text re-added after a here-document
                    // that runs to the end of the file (its delimiter) sits at the end position.
                    invariant(word.offset >= 0 && word.offset <= word.endOffset && word.offset <= fileSize && word.endOffset <= fileSize + 1,
                              "shell word '\(word.raw)' at \(word.offset)..<\(word.endOffset) of \(fileSize)")
                }
                guard let install = InstallCommandRecognizer.recognize(command, variables: region.variables, makeSyntax: region.makeSyntax) else { continue }
                for package in install.packages {
                    switch install.tool.family {
                    case .python: _ = PackageArguments.classifyPython(package)
                    case .conda: _ = PackageArguments.classifyConda(package)
                    case .system: _ = PackageArguments.classifySystem(package, tool: install.tool)
                    }
                }
            }
        }
    }

    /// Every byte of extracted text comes from somewhere in the file (or its end).
    static func checkMapping(_ text: MappedText, fileSize: Int) {
        guard !text.isEmpty else { return }
        for offset in [0, text.count / 2, text.count - 1, text.count] {
            let file = text.fileOffset(of: offset)
            invariant(file >= 0 && file <= fileSize, "virtual byte \(offset) maps to \(file) of \(fileSize)")
        }
    }
}
