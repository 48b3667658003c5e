extension Dockerfile {
    /// The shell text of every `RUN` (and `ONBUILD RUN`): the shell form after its
    /// `--mount`/`--network` flags, the exec form as already split words (or the
    /// script of `["sh", "-c", "…"]`), and here-documents: a `RUN <<EOF` body is a
    /// script of its own unless its `#!` line names another interpreter; with a
    /// command (`RUN bash <<EOF`) the command line and bodies are read together, as
    /// the shell reads them.
    /// After `SHELL ["powershell", …]` (or `pwsh`, `cmd`) the regions of that stage are
    /// marked non-POSIX: words split alike, but their syntax problems are not reported.
    public var shellRegions: [ShellRegion] {
        var regions: [ShellRegion] = []
        var posix = true
        for (index, instruction) in instructions.enumerated() {
            if instruction.keyword == "FROM" { posix = true }
            if instruction.keyword == "SHELL", let program = Self.execForm(instruction.arguments)?.presplit?.first?.words.first {
                let name = program.text.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map { $0.lowercased() } ?? ""
                posix = !["powershell", "powershell.exe", "pwsh", "pwsh.exe", "cmd", "cmd.exe"].contains(name)
            }
            let before = regions.count
            defer { for k in before..<regions.count { regions[k].isPOSIX = posix } }
            var args = instruction.arguments
            if instruction.keyword == "ONBUILD" {
                let words = ShellSplitter.split(args).commands.first?.words ?? []
                guard let first = words.first, first.text.uppercased() == "RUN" else { continue }
                args = Self.dropLeadingWord(args)
            } else if instruction.keyword != "RUN" {
                continue
            }
            args = Self.dropFlags(args)
            let variables = index < variablesAt.count ? variablesAt[index] : [:]

            if let exec = Self.execForm(args) {
                regions.append(exec.with(variables: variables))
                continue
            }
            if !instruction.heredocs.isEmpty {
                // Only here-document tokens on the line: each body is the script.
                let others = ShellSplitter.split(args).commands.filter { !$0.words.isEmpty }
                if others.isEmpty {
                    for heredoc in instruction.heredocs where Self.isShellScript(heredoc.body) {
                        regions.append(ShellRegion(origin: .dockerfileRun, text: heredoc.body, variables: variables))
                    }
                    continue
                }
                var text = args
                text.appendSynthetic(0x0A, fileOffset: args.fileOffset(of: args.count))
                for heredoc in instruction.heredocs {
                    text.append(heredoc.body)
                    text.appendSynthetic(Array(heredoc.delimiter.utf8) + [0x0A], fileOffset: heredoc.body.fileOffset(of: heredoc.body.count))
                }
                regions.append(ShellRegion(origin: .dockerfileRun, text: text, variables: variables))
                continue
            }
            regions.append(ShellRegion(origin: .dockerfileRun, text: args, variables: variables))
        }
        return regions
    }

    /// Strips leading `--flag[=value]` words (BuildKit's `--mount`, `--network`, `--security`).
    static func dropFlags(_ text: MappedText) -> MappedText {
        let b = text.bytes
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        while i + 1 < b.count, b[i] == 0x2D, b[i + 1] == 0x2D {
            while i < b.count, b[i] != 0x20 && b[i] != 0x09 { i += 1 }
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        }
        return i == 0 ? text : text.slice(i..<b.count)
    }

    static func dropLeadingWord(_ text: MappedText) -> MappedText {
        let b = text.bytes
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        while i < b.count, b[i] != 0x20 && b[i] != 0x09 { i += 1 }
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        return text.slice(i..<b.count)
    }

    /// A here-document run as a script: no `#!` line, or one naming a POSIX shell.
    static func isShellScript(_ body: MappedText) -> Bool {
        guard body.bytes.starts(with: Array("#!".utf8)) else { return true }
        let first = body.lines().first?.string ?? ""
        let words = first.dropFirst(2).split(separator: " ")
        guard var interpreter = words.first.map({ String($0.split(separator: "/").last ?? "") }) else { return true }
        if interpreter == "env", words.count > 1 {
            interpreter = words.dropFirst().first { !$0.hasPrefix("-") }.map(String.init) ?? ""
        }
        return ["sh", "bash", "dash", "ash", "zsh", "ksh"].contains(interpreter)
    }

    /// `["pip", "install", "x"]`: already split words; `["sh", "-c", "…"]`: the script.
    /// nil when the text is not a JSON array of strings (Docker then runs it as shell form).
    static func execForm(_ args: MappedText) -> ShellRegion? {
        let b = args.bytes
        guard let first = b.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), b[first] == 0x5B,
              let node = try? JSONScanner.parse(b), let items = node.array else { return nil }
        var words: [ShellWord] = []
        var strings: [JSONString] = []
        for item in items {
            guard let s = item.jsonString else { return nil }
            strings.append(s)
            let start = args.fileOffset(of: s.range.lowerBound)
            let end = args.fileOffset(of: s.range.upperBound - 1) + 1
            words.append(ShellWord(text: s.value, raw: String(decoding: b[s.range], as: UTF8.self), offset: start, endOffset: end, isQuoted: true))
        }
        if words.count >= 3, ["sh", "bash", "dash", "ash", "zsh"].contains(String(words[0].text.split(separator: "/").last ?? "")),
           let c = words.firstIndex(where: { $0.text == "-c" }), c + 1 < words.count {
            let script = strings[c + 1].mappedText(in: b)
            var mapped = MappedText()
            for k in 0..<script.count {
                mapped.append(CollectionOfOne(script.bytes[k]), fileOffset: args.fileOffset(of: script.fileOffset(of: k)))
            }
            return ShellRegion(origin: .dockerfileRun, text: mapped)
        }
        return ShellRegion(origin: .dockerfileRun, text: args, presplit: [ShellCommand(words: words)])
    }
}

extension ShellRegion {
    func with(variables: [String: String]) -> ShellRegion {
        var copy = self
        copy.variables = variables
        return copy
    }
}
