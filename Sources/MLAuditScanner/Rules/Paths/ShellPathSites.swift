import MLAuditCore
import MLAuditParsers

/// Paths in the words of shell scripts, Makefile recipes and notebook `!` lines
/// (comments are dropped by the shell splitter), and in Makefile variable assignments.
enum ShellPathSites {
    /// Commands whose operands are files or directories.
    static let fileCommands: Set<String> = ["cd", "pushd", "cp", "mv", "rm", "mkdir", "ls", "cat", "ln", "rsync", "tar", "unzip",
                                            "zip", "touch", "source", ".", "find", "du", "chmod", "chown", "head", "tail", "gzip",
                                            "gunzip", "tee", "realpath", "readlink", "stat", "test", "[", "scp"]
    /// Options of `docker run`, `podman run` and `singularity exec` that bind a host path into a container.
    static let mountOptions: Set<String> = ["-v", "--volume", "-B", "--bind"]

    static func check(_ file: FileContext, _ reporter: PathReporter) {
        var created: Set<String> = []
        for parsed in file.shellRegions {
            for command in parsed.commands where command.words.first.map({ baseName($0.text) }) == "mkdir" {
                for word in command.words.dropFirst() {
                    if let name = leadingVariable(word.text) { created.insert(name) }
                }
            }
        }
        for parsed in file.shellRegions {
            switch parsed.region.origin {
            case .script, .makefileRecipe, .notebookShellEscape, .notebookLineMagic, .notebookCellMagic: break
            default: continue  // inside images (Dockerfile RUN) or CI runners
            }
            for command in parsed.commands {
                check(command, cell: parsed.cell, reporter, created: created)
            }
        }
        if file.kind == .makefile { checkMakefileAssignments(file, reporter) }
    }

    /// `$NAME…` or `${NAME}…`: the variable a word starts with.
    static func leadingVariable(_ word: String) -> String? {
        var rest = Substring(word)
        guard rest.hasPrefix("$") else { return nil }
        rest = rest.dropFirst()
        if rest.hasPrefix("{") { rest = rest.dropFirst() }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    static func check(_ command: ShellCommand, cell: Int?, _ reporter: PathReporter, created: Set<String> = []) {
        var program: String?
        var previousOption: String?
        for word in command.words {
            let text = word.text
            guard PathClassifier.mayHoldPath(text.utf8) else {
                if program == nil, !isAssignment(text) { program = baseName(text) }
                previousOption = text.hasPrefix("-") && !text.contains("=") ? text : nil
                continue
            }
            let mapped = mappedText(word)
            // `NAME=value`, `--option=value`, and Hydra-style `data.root=value` overrides.
            if let eq = assignmentSplit(text) {
                let name = String(text.prefix(eq))
                var site = PathSite(text: mapped.slice((eq + 1)..<mapped.count), name: name, cell: cell)
                site.isCreatedHere = created.contains(name)
                reporter.check(site)
            } else if let option = previousOption, mountOptions.contains(option) {
                // `-v HOST:CONTAINER`: the container side lives inside the image.
                if let host = ComposePathSites.hostSide(mapped) {
                    reporter.check(PathSite(text: host, fileUse: ComposePathSites.bindMount, cell: cell))
                }
            } else {
                let fileUse = program.flatMap { fileCommands.contains($0) ? "an operand of `\($0)`" : nil }
                reporter.check(PathSite(text: mapped, name: previousOption, fileUse: fileUse, cell: cell))
            }
            if program == nil, !isAssignment(text) { program = baseName(text) }
            previousOption = nil
        }
        for redirection in command.redirections {
            guard let target = redirection.target, PathClassifier.mayHoldPath(target.text.utf8) else { continue }
            reporter.check(PathSite(text: mappedText(target), fileUse: "a redirection target", cell: cell))
        }
    }

    /// The word's text mapped to the file: byte for byte when it was written without
    /// quotes or escapes, else every byte at the word's start.
    static func mappedText(_ word: ShellWord) -> MappedText {
        if word.raw == word.text { return MappedText(Array(word.text.utf8), fileOffset: word.offset) }
        var text = MappedText()
        text.appendSynthetic(Array(word.text.utf8), fileOffset: word.offset)
        return text
    }

    static func baseName(_ word: String) -> String {
        word.split(separator: "/").last.map(String.init) ?? word
    }

    static func isAssignment(_ word: String) -> Bool {
        guard let eq = assignmentSplit(word) else { return false }
        return !word.hasPrefix("-") && eq > 0
    }

    /// Where the `=` of `NAME=value` or `--option=value` is (a byte offset).
    static func assignmentSplit(_ word: String) -> Int? {
        var offset = 0
        for c in word.utf8 {
            if c == UInt8(ascii: "=") { return offset > 0 ? offset : nil }
            let allowed = PathClassifier.isLetter(c) || PathClassifier.isDigit(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: ".")
            if !allowed { return nil }
            offset += 1
        }
        return nil
    }

    // MARK: Makefiles

    /// `NAME = value`, `NAME := value`, `export NAME ?= value` outside recipes.
    static func checkMakefileAssignments(_ file: FileContext, _ reporter: PathReporter) {
        for line in 1...max(1, file.lineCount) {
            let bytes = file.lineBytes(line)
            guard let first = bytes.first, first != 0x09, first != UInt8(ascii: "#"), PathClassifier.mayHoldPath(bytes),
                  let eq = bytes.firstIndex(of: UInt8(ascii: "=")) else { continue }
            var nameEnd = eq
            while nameEnd > bytes.startIndex, ":?+!".utf8.contains(bytes[nameEnd - 1]) { nameEnd -= 1 }
            var nameWords = String(decoding: bytes[bytes.startIndex..<nameEnd], as: UTF8.self).split(separator: " ")
            if nameWords.first == "export" || nameWords.first == "override" { nameWords.removeFirst() }
            guard nameWords.count == 1, let name = nameWords.first, !name.contains(":") else { continue }
            var valueEnd = bytes.endIndex
            if let hash = bytes[(eq + 1)...].firstIndex(of: UInt8(ascii: "#")) { valueEnd = hash }
            reporter.check(PathSite(text: MappedText(bytes[(eq + 1)..<valueEnd], fileOffset: eq + 1), name: String(name)))
        }
    }
}
