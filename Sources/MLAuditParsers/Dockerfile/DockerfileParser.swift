/// Reads a Dockerfile (or Containerfile) the way BuildKit's front end does:
/// parser directives (`# escape=`), instructions with continuation lines
/// (comment and empty lines inside a continuation are dropped), here-documents
/// for `RUN`/`COPY`/`ADD`, stages (`FROM … AS name`), and `ARG`/`ENV` values.
public enum DockerfileParser {
    public static func parse(_ bytes: [UInt8]) -> Dockerfile {
        var lineStarts = [0]
        for (i, c) in bytes.enumerated() where c == 0x0A { lineStarts.append(i + 1) }
        func lineEnd(_ l: Int) -> Int { // excluding the break
            var e = l + 1 < lineStarts.count ? lineStarts[l + 1] - 1 : bytes.count
            if e > lineStarts[l], bytes[e - 1] == 0x0D { e -= 1 }
            return max(e, lineStarts[l])
        }
        func firstNonBlank(_ l: Int) -> Int {
            var i = lineStarts[l]
            let e = lineEnd(l)
            while i < e, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            return i
        }
        let lineCount = bytes.last == 0x0A ? lineStarts.count - 1 : lineStarts.count
        var escape: UInt8 = 0x5C
        var diagnostics: [DockerfileDiagnostic] = []
        var instructions: [DockerfileInstruction] = []

        // Parser directives: `# key=value` lines at the very top.
        var l = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineStarts[0] = 3 }
        while l < lineCount {
            let s = firstNonBlank(l)
            let e = lineEnd(l)
            guard s < e, bytes[s] == 0x23 else { break }
            let text = String(decoding: bytes[(s + 1)..<e], as: UTF8.self).blankTrimmed
            guard let eq = text.firstIndex(of: "="), !text[..<eq].blankTrimmed.contains(" ") else { break }
            let key = text[..<eq].blankTrimmed.lowercased()
            let value = text[text.index(after: eq)...].blankTrimmed
            guard key.allSatisfy({ $0.isLetter || $0.isNumber }), !key.isEmpty else { break }
            if key == "escape" {
                if value == "`" { escape = 0x60 } else if value == "\\" { escape = 0x5C } else {
                    diagnostics.append(DockerfileDiagnostic(offset: s, message: "invalid escape directive '\(value)' (expected \\ or `)"))
                }
            }
            l += 1
        }

        while l < lineCount {
            let s = firstNonBlank(l)
            let e = lineEnd(l)
            if s >= e || bytes[s] == 0x23 { // blank or comment
                l += 1
                continue
            }
            let startLine = l
            var k = s
            while k < e, bytes[k] != 0x20 && bytes[k] != 0x09 { k += 1 }
            let keyword = String(decoding: bytes[s..<k], as: UTF8.self).uppercased()
            var argStart = k
            while argStart < e, bytes[argStart] == 0x20 || bytes[argStart] == 0x09 { argStart += 1 }

            var arguments = MappedText()
            var pieceStart = argStart
            var current = l
            var terminated = true
            while true {
                let pe = lineEnd(current)
                // Does this line end with the escape character (trailing blanks allowed)?
                var t = pe
                while t > pieceStart, bytes[t - 1] == 0x20 || bytes[t - 1] == 0x09 { t -= 1 }
                if t > pieceStart, bytes[t - 1] == escape {
                    arguments.append(bytes[pieceStart..<(t - 1)], fileOffset: pieceStart)
                    // Next line that is not a comment or empty.
                    var next = current + 1
                    while next < lineCount {
                        let ns = firstNonBlank(next)
                        if ns < lineEnd(next), bytes[ns] != 0x23 { break }
                        next += 1
                    }
                    if next >= lineCount {
                        diagnostics.append(DockerfileDiagnostic(
                            offset: t - 1, message: "\(keyword) instruction on line \(startLine + 1) ends with a line continuation at the end of the file"))
                        terminated = false
                        current = lineCount - 1
                        break
                    }
                    current = next
                    pieceStart = lineStarts[current]
                } else {
                    arguments.append(bytes[pieceStart..<pe], fileOffset: pieceStart)
                    break
                }
            }
            if arguments.isEmpty { arguments = MappedText([], fileOffset: argStart) }
            var instruction = DockerfileInstruction(keyword: keyword, line: startLine + 1, offset: s, endLine: current + 1,
                                                    arguments: arguments, heredocs: [], heredocRange: nil)
            l = current + 1

            // Here-documents start on the line after the instruction.
            if terminated, ["RUN", "COPY", "ADD"].contains(keyword) || (keyword == "ONBUILD" && arguments.string.uppercased().hasPrefix("RUN")) {
                let tokens = heredocTokens(arguments)
                if !tokens.isEmpty {
                    let rangeStart = l < lineStarts.count ? lineStarts[l] : bytes.count
                    for token in tokens {
                        let bodyStart = l < lineCount ? lineStarts[l] : bytes.count
                        var found = false
                        while l < lineCount {
                            var ls = lineStarts[l]
                            let le = lineEnd(l)
                            if token.stripTabs { while ls < le, bytes[ls] == 0x09 { ls += 1 } }
                            if bytes[ls..<le].elementsEqual(token.delimiter.utf8) {
                                let body = MappedText(bytes[bodyStart..<lineStarts[l]], fileOffset: bodyStart)
                                instruction.heredocs.append(DockerfileHeredoc(delimiter: token.delimiter, stripsTabs: token.stripTabs,
                                                                              body: body, tokenOffset: token.offset))
                                l += 1
                                found = true
                                break
                            }
                            l += 1
                        }
                        if !found {
                            diagnostics.append(DockerfileDiagnostic(
                                offset: token.offset, message: "here-document <<\(token.delimiter) of the \(keyword) on line \(startLine + 1) is never closed"))
                            instruction.heredocs.append(DockerfileHeredoc(delimiter: token.delimiter, stripsTabs: token.stripTabs,
                                                                          body: MappedText(bytes[min(bodyStart, bytes.count)...], fileOffset: bodyStart),
                                                                          tokenOffset: token.offset))
                            l = lineCount
                            break
                        }
                    }
                    let rangeEnd = l < lineStarts.count ? lineStarts[l] : bytes.count
                    instruction.heredocRange = rangeStart..<max(rangeStart, rangeEnd)
                    instruction.endLine = max(instruction.endLine, l)
                }
            }
            instructions.append(instruction)
        }

        var dockerfile = Dockerfile(instructions: instructions, escape: escape, stages: [], globalArgs: [:], diagnostics: diagnostics, variablesAt: [])
        resolveStages(&dockerfile)
        return dockerfile
    }

    struct HeredocToken {
        var delimiter: String
        var stripTabs: Bool
        var offset: Int
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` in an instruction's arguments (outside quotes).
    static func heredocTokens(_ arguments: MappedText) -> [HeredocToken] {
        let parsed = ShellSplitter.split(arguments)
        var tokens: [HeredocToken] = []
        for command in parsed.commands {
            for redirection in command.redirections where redirection.op == "<<" || redirection.op == "<<-" {
                guard let target = redirection.target, !target.text.isEmpty else { continue }
                tokens.append(HeredocToken(delimiter: target.text, stripTabs: redirection.op == "<<-", offset: target.offset))
            }
        }
        return tokens.sorted { $0.offset < $1.offset }
    }

    // MARK: Stages and variables

    static func resolveStages(_ dockerfile: inout Dockerfile) {
        var globalArgs: [String: String?] = [:]
        var globalOrder: [String: String] = [:] // known global values
        var stages: [DockerfileStage] = []
        var stageVars: [[String: String]] = []
        var current: [String: String] = [:]
        var seenFrom = false
        var variablesAt: [[String: String]] = []

        for (index, instruction) in dockerfile.instructions.enumerated() {
            switch instruction.keyword {
            case "FROM":
                if seenFrom { stageVars.append(current) }
                seenFrom = true
                let words = ShellSplitter.split(instruction.arguments).commands.first?.words ?? []
                var rest = words[...]
                var platform: String?
                while let w = rest.first, w.text.hasPrefix("--") {
                    if w.text.hasPrefix("--platform=") { platform = String(w.text.dropFirst("--platform=".count)) }
                    rest = rest.dropFirst()
                }
                guard let imageWord = rest.first else {
                    variablesAt.append(current)
                    continue
                }
                var name: String?
                let after = Array(rest.dropFirst())
                if after.count >= 2, after[0].text.lowercased() == "as" { name = after[1].text.lowercased() }
                let (resolved, unresolved) = substitute(imageWord.text, globalOrder)
                let parent = stages.lastIndex { $0.name != nil && $0.name == resolved.lowercased() }
                stages.append(DockerfileStage(instructionIndex: index, image: imageWord.text, imageOffset: imageWord.offset,
                                              resolvedImage: resolved, unresolvedVariables: unresolved, name: name,
                                              platform: platform, parentStage: parent))
                // A stage sees ENV of the stage it builds on; ARGs must be redeclared.
                current = parent.map { $0 < stageVars.count ? stageVars[$0] : [:] } ?? [:]
            case "ARG":
                for (name, value) in declarations(instruction, legacyEnv: false) {
                    if !seenFrom {
                        let resolved = value.map { substitute($0, globalOrder).0 }
                        globalArgs[name] = .some(resolved)
                        if let resolved { globalOrder[name] = resolved }
                    } else if let value {
                        current[name] = substitute(value, current).0
                    } else if let inherited = globalOrder[name] {
                        current[name] = inherited
                    }
                }
            case "ENV":
                if seenFrom {
                    for (name, value) in declarations(instruction, legacyEnv: true) {
                        if let value { current[name] = substitute(value, current).0 }
                    }
                }
            default:
                break
            }
            variablesAt.append(current)
        }
        dockerfile.stages = stages
        dockerfile.globalArgs = globalArgs
        dockerfile.variablesAt = variablesAt
    }

    /// `ARG a=1 b`, `ENV k=v k2="v 2"`, legacy `ENV key value with spaces`.
    static func declarations(_ instruction: DockerfileInstruction, legacyEnv: Bool) -> [(String, String?)] {
        let words = ShellSplitter.split(instruction.arguments).commands.flatMap(\.words)
        guard let first = words.first else { return [] }
        if legacyEnv, !first.text.contains("=") {
            let value = words.dropFirst().map(\.text).joined(separator: " ")
            return [(first.text, value)]
        }
        return words.map { word in
            if let eq = word.text.firstIndex(of: "=") {
                return (String(word.text[..<eq]), String(word.text[word.text.index(after: eq)...]))
            }
            return (word.text, nil)
        }
    }

    /// Substitutes `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alt}` (Dockerfile
    /// variable syntax); returns the text and the names that had no value.
    public static func substitute(_ text: String, _ variables: [String: String]) -> (String, [String]) {
        let b = Array(text.utf8)
        var out: [UInt8] = []
        var unresolved: [String] = []
        var i = 0
        func isName(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
        }
        while i < b.count {
            let c = b[i]
            if c == 0x5C, i + 1 < b.count, b[i + 1] == 0x24 {
                out.append(0x24)
                i += 2
                continue
            }
            guard c == 0x24, i + 1 < b.count else {
                out.append(c)
                i += 1
                continue
            }
            if b[i + 1] == 0x7B, let close = b[(i + 2)...].firstIndex(of: 0x7D) {
                let inner = String(decoding: b[(i + 2)..<close], as: UTF8.self)
                var name = inner
                var op: String?
                var word = ""
                if let r = inner.firstRange(of: ":-") ?? inner.firstRange(of: ":+") {
                    name = String(inner[..<r.lowerBound])
                    op = String(inner[r])
                    word = String(inner[r.upperBound...])
                }
                let value = variables[name].flatMap { $0.isEmpty ? nil : $0 }
                switch op {
                case ":-": out.append(contentsOf: (value ?? word).utf8)
                case ":+": out.append(contentsOf: (value == nil ? "" : word).utf8)
                default:
                    if let value { out.append(contentsOf: value.utf8) } else { unresolved.append(name) }
                }
                i = close + 1
            } else if isName(b[i + 1]) {
                var j = i + 1
                while j < b.count, isName(b[j]) { j += 1 }
                let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
                if let value = variables[name], !value.isEmpty { out.append(contentsOf: value.utf8) } else { unresolved.append(name) }
                i = j
            } else {
                out.append(c)
                i += 1
            }
        }
        return (String(decoding: out, as: UTF8.self), unresolved)
    }
}
