/// Recipe lines of a Makefile as shell text: tab-indented lines that follow a rule
/// line (`target: prerequisites`), and the part after `;` on a rule line. A recipe
/// line ending in `\` continues (the backslash-newline is kept for the shell, the
/// next line's leading tab dropped, as make does); `@`, `-` and `+` prefixes are
/// stripped and `$$` becomes `$`. Simple variable assignments are collected so that
/// `$(PIP) install …` can be read.
public enum MakefileRecipes {
    public static func regions(_ bytes: [UInt8]) -> [ShellRegion] {
        var lineStarts = [0]
        for (i, c) in bytes.enumerated() where c == 0x0A { lineStarts.append(i + 1) }
        let lineCount = bytes.last == 0x0A ? lineStarts.count - 1 : lineStarts.count
        func lineEnd(_ l: Int) -> Int {
            var e = l + 1 < lineStarts.count ? lineStarts[l + 1] - 1 : bytes.count
            if e > lineStarts[l], bytes[e - 1] == 0x0D { e -= 1 }
            return max(e, lineStarts[l])
        }
        func continues(_ l: Int) -> Bool {
            var e = lineEnd(l)
            var count = 0
            while e > lineStarts[l], bytes[e - 1] == 0x5C { count += 1; e -= 1 }
            return count % 2 == 1
        }

        var recipes: [MappedText] = []
        var variables: [String: String] = [:]
        var inRule = false
        var inDefine = false
        var l = 0
        while l < lineCount {
            let start = lineStarts[l]
            let end = lineEnd(l)
            if inDefine {
                let text = String(decoding: bytes[start..<end], as: UTF8.self).blankTrimmed
                if text == "endef" || text.hasPrefix("endef ") { inDefine = false }
                l += 1
                continue
            }
            if start < end, bytes[start] == 0x09 {
                if !inRule {
                    while l < lineCount, continues(l) { l += 1 }
                    l += 1
                    continue
                }
                // A recipe line and its continuations.
                var text = MappedText()
                var piece = start + 1
                while true {
                    let pe = lineEnd(l)
                    if continues(l), l + 1 < lineCount {
                        text.append(bytes[piece..<pe], fileOffset: piece)
                        text.appendSynthetic(0x0A, fileOffset: pe)
                        l += 1
                        piece = lineStarts[l]
                        if piece < lineEnd(l), bytes[piece] == 0x09 { piece += 1 }
                    } else {
                        text.append(bytes[piece..<pe], fileOffset: piece)
                        l += 1
                        break
                    }
                }
                recipes.append(stripPrefixes(text))
                continue
            }

            // A logical non-recipe line.
            var logical: [UInt8] = Array(bytes[start..<end])
            var lineOffsets = [start]
            while continues(l), l + 1 < lineCount {
                logical.removeLast()
                logical.append(0x20)
                l += 1
                lineOffsets.append(lineStarts[l])
                logical.append(contentsOf: bytes[lineStarts[l]..<lineEnd(l)])
            }
            l += 1
            let text = String(decoding: logical, as: UTF8.self)
            let trimmed = text.blankTrimmed
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let firstWord = trimmed.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            if firstWord == "define" {
                inDefine = true
                inRule = false
                continue
            }
            if ["ifeq", "ifneq", "ifdef", "ifndef", "else", "endif"].contains(firstWord) { continue }
            if let (name, op, value) = assignment(trimmed) {
                switch op {
                case "+=": variables[name] = (variables[name].map { $0 + " " } ?? "") + value
                case "?=": if variables[name] == nil { variables[name] = value }
                case "!=": break
                default: variables[name] = value
                }
                inRule = false
                continue
            }
            if ["include", "-include", "sinclude", "export", "unexport", "vpath", "override", "undefine"].contains(firstWord) {
                inRule = false
                continue
            }
            guard let colon = ruleColon(logical) else {
                inRule = false
                continue
            }
            inRule = true
            // `target: prereqs ; recipe`
            if let semi = firstUnnested(logical, from: colon, byte: 0x3B), lineOffsets.count == 1 {
                var s = semi + 1
                while s < logical.count, logical[s] == 0x20 || logical[s] == 0x09 { s += 1 }
                if s < logical.count {
                    recipes.append(stripPrefixes(MappedText(logical[s...], fileOffset: start + s)))
                }
            }
        }
        return recipes.map { ShellRegion(origin: .makefileRecipe, text: $0, variables: variables, makeSyntax: true) }
    }

    /// `NAME = value`, `NAME := value`, `override NAME ?= value`, `export NAME += value`.
    static func assignment(_ line: String) -> (String, String, String)? {
        var s = Substring(line)
        for prefix in ["override ", "export "] where s.hasPrefix(prefix) { s = s.dropFirst(prefix.count).drop { $0 == " " || $0 == "\t" } }
        let nameEnd = s.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") } ?? s.endIndex
        let name = String(s[..<nameEnd])
        guard !name.isEmpty else { return nil }
        let rest = s[nameEnd...].drop { $0 == " " || $0 == "\t" }
        for op in ["::=", ":::=", ":=", "?=", "+=", "!=", "="] where rest.hasPrefix(op) {
            let value = rest.dropFirst(op.count).blankTrimmed
            return (name, op == ":::=" || op == "::=" ? ":=" : op, value)
        }
        return nil
    }

    /// The `:` of a rule line, outside `$(…)` and not part of `:=`.
    static func ruleColon(_ b: [UInt8]) -> Int? {
        var level = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x24, i + 1 < b.count, b[i + 1] == 0x28 || b[i + 1] == 0x7B {
                level += 1
                i += 2
                continue
            }
            if level > 0, c == 0x29 || c == 0x7D { level -= 1 }
            if level == 0 {
                if c == 0x3A {
                    if i + 1 < b.count, b[i + 1] == 0x3D { return nil }
                    return i
                }
                if c == 0x3D || c == 0x23 { return nil }
            }
            i += 1
        }
        return nil
    }

    static func firstUnnested(_ b: [UInt8], from: Int, byte: UInt8) -> Int? {
        var level = 0
        var i = from
        while i < b.count {
            let c = b[i]
            if c == 0x24, i + 1 < b.count, b[i + 1] == 0x28 || b[i + 1] == 0x7B {
                level += 1
                i += 2
                continue
            }
            if level > 0, c == 0x29 || c == 0x7D { level -= 1 }
            if level == 0, c == 0x23 { return nil }
            if level == 0, c == byte { return i }
            i += 1
        }
        return nil
    }

    /// Drops leading blanks and `@`/`-`/`+` prefixes and turns `$$` into `$`.
    static func stripPrefixes(_ text: MappedText) -> MappedText {
        let b = text.bytes
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x40 || b[i] == 0x2D || b[i] == 0x2B { i += 1 }
        var out = MappedText()
        var runStart = i
        var j = i
        while j < b.count {
            if b[j] == 0x24, j + 1 < b.count, b[j + 1] == 0x24 {
                out.append(text.slice(runStart..<(j + 1)))
                j += 2
                runStart = j
                continue
            }
            j += 1
        }
        out.append(text.slice(runStart..<b.count))
        if out.isEmpty { return text.slice(b.count..<b.count) }
        return out
    }
}
