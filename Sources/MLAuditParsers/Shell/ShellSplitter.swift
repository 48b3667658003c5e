/// Splits POSIX-ish shell text into simple commands of words, the way a shell
/// tokenizes it: quotes (`'…'`, `"…"`, `$'…'`), backslash escapes, `\`-newline
/// continuations, comments, the operators `&&`, `||`, `;`, `|`, `&`, `(`, `)`,
/// redirections (whose targets are not words of the command), here-documents
/// (their bodies are skipped unless fed to a shell), and command substitutions
/// `$(…)` and backticks (their commands are returned too, one level deeper).
///
/// Nothing is expanded or executed. Malformed text (an unterminated quote or
/// substitution, a continuation at the very end) yields a diagnostic; the words
/// read so far are still returned.
public struct ShellSplitter {
    private let b: [UInt8]
    private let source: MappedText
    private var commands: [ShellCommand] = []
    private var diagnostics: [ShellDiagnostic] = []
    /// Set when a quote or substitution of the word being scanned never closes.
    private var wordUnterminated = false
    /// Set once nesting passed `maxDepth`: the levels left open by the cut are not reported.
    private var tooDeep = false

    private init(source: MappedText) {
        self.source = source
        self.b = source.bytes
    }

    /// Splits mapped text; word offsets are file offsets.
    public static func split(_ source: MappedText) -> ShellParseResult {
        var splitter = ShellSplitter(source: source)
        var i = 0
        _ = splitter.parseList(&i, end: splitter.b.count, depth: 0, closer: .none)
        return ShellParseResult(commands: splitter.commands, diagnostics: splitter.diagnostics)
    }

    /// Splits a string whose offsets start at `fileOffset`.
    public static func split(_ text: String, fileOffset: Int = 0) -> ShellParseResult {
        split(MappedText(Array(text.utf8), fileOffset: fileOffset))
    }

    // MARK: Lists

    private enum Closer { case none, paren, backtick }

    private struct PendingHeredoc {
        var delimiter: [UInt8]
        var stripTabs: Bool
        var feedsShell: Bool
    }

    private struct Builder {
        var words: [ShellWord] = []
        var redirections: [ShellRedirection] = []
        var nested: [ShellCommand] = []
        var isEmpty: Bool { words.isEmpty && redirections.isEmpty }
    }

    private mutating func finish(_ builder: inout Builder, _ separator: ShellSeparator, depth: Int) {
        if !builder.isEmpty {
            commands.append(ShellCommand(words: builder.words, redirections: builder.redirections, separator: separator, depth: depth))
        }
        commands.append(contentsOf: builder.nested)
        builder = Builder()
    }

    /// Substitutions and here-documents fed to a shell nested deeper than this are not
    /// read: each level recurses, and a hostile file could exhaust the stack.
    static let maxDepth = 64

    /// Parses commands from `i` until `end` or the closer; returns whether the closer was found.
    private mutating func parseList(_ i: inout Int, end: Int, depth: Int, closer: Closer) -> Bool {
        guard depth <= Self.maxDepth else {
            diagnose(i, "shell substitutions nested more than \(Self.maxDepth) deep; the rest is not read")
            tooDeep = true
            i = end
            return true
        }
        var builder = Builder()
        var parenLevel = 0
        var pending: [PendingHeredoc] = []
        while i < end {
            let c = b[i]
            switch c {
            case 0x20, 0x09, 0x0D:
                i += 1
            case 0x5C where i + 1 < end && b[i + 1] == 0x0A: // \ newline (at the end of the text it just ends the command, as in bash)
                i += 2
            case 0x0A:
                finish(&builder, .newline, depth: depth)
                i += 1
                if !pending.isEmpty {
                    readHeredocBodies(&pending, &i, end: end, depth: depth)
                }
            case 0x23: // # at the start of a word: comment
                while i < end, b[i] != 0x0A { i += 1 }
            case 0x60 where closer == .backtick:
                finish(&builder, .end, depth: depth)
                i += 1
                return true
            case 0x29: // )
                if closer == .paren && parenLevel == 0 {
                    finish(&builder, .end, depth: depth)
                    i += 1
                    return true
                }
                parenLevel = max(0, parenLevel - 1)
                finish(&builder, .closeParen, depth: depth)
                i += 1
            case 0x28: // (
                finish(&builder, .openParen, depth: depth)
                parenLevel += 1
                i += 1
            case 0x3B: // ;
                if i + 1 < end, b[i + 1] == 0x3B {
                    finish(&builder, .caseEnd, depth: depth)
                    i += 2
                } else {
                    finish(&builder, .semicolon, depth: depth)
                    i += 1
                }
            case 0x26: // &
                if i + 1 < end, b[i + 1] == 0x26 {
                    finish(&builder, .and, depth: depth)
                    i += 2
                } else if i + 1 < end, b[i + 1] == 0x3E { // &> &>>
                    var j = i + 2
                    if j < end, b[j] == 0x3E { j += 1 }
                    let op = String(decoding: b[i..<j], as: UTF8.self)
                    i = j
                    builder.redirections.append(ShellRedirection(op: op, target: readTarget(&i, end: end, depth: depth, closer: closer, builder: &builder)))
                } else {
                    finish(&builder, .background, depth: depth)
                    i += 1
                }
            case 0x7C: // |
                if i + 1 < end, b[i + 1] == 0x7C {
                    finish(&builder, .or, depth: depth)
                    i += 2
                } else if i + 1 < end, b[i + 1] == 0x26 {
                    finish(&builder, .pipeBoth, depth: depth)
                    i += 2
                } else {
                    finish(&builder, .pipe, depth: depth)
                    i += 1
                }
            case 0x3C, 0x3E: // < >
                if i + 1 < end, b[i + 1] == 0x28 { // <(…) >(…) process substitution
                    let word = scanWord(&i, end: end, depth: depth, closer: closer, builder: &builder)
                    if !wordUnterminated { builder.words.append(word) }
                } else {
                    readRedirection(&i, end: end, depth: depth, closer: closer, builder: &builder, pending: &pending)
                }
            default:
                if c >= 0x30 && c <= 0x39, let opStart = fdRedirectionStart(i, end: end) {
                    i = opStart
                    readRedirection(&i, end: end, depth: depth, closer: closer, builder: &builder, pending: &pending, fdPrefix: true)
                } else {
                    // A word whose quote never closes swallowed the rest of the text: it is no argument.
                    let word = scanWord(&i, end: end, depth: depth, closer: closer, builder: &builder)
                    if !wordUnterminated { builder.words.append(word) }
                }
            }
        }
        finish(&builder, .end, depth: depth)
        return false
    }

    /// `2>`, `10>>`: digits directly followed by `<` or `>`; returns where the operator starts.
    private func fdRedirectionStart(_ i: Int, end: Int) -> Int? {
        var j = i
        while j < end, b[j] >= 0x30 && b[j] <= 0x39 { j += 1 }
        if j < end, (b[j] == 0x3C || b[j] == 0x3E), !(j + 1 < end && b[j + 1] == 0x28) { return j }
        return nil
    }

    private mutating func readRedirection(_ i: inout Int, end: Int, depth: Int, closer: Closer, builder: inout Builder,
                                          pending: inout [PendingHeredoc], fdPrefix: Bool = false) {
        let start = i
        let c = b[i]
        var j = i + 1
        if c == 0x3C {
            if j < end, b[j] == 0x3C {
                j += 1
                if j < end, b[j] == 0x3C { // <<< here-string
                    j += 1
                } else {
                    let stripTabs = j < end && b[j] == 0x2D
                    if stripTabs { j += 1 }
                    i = j
                    let target = readTarget(&i, end: end, depth: depth, closer: closer, builder: &builder)
                    let op = stripTabs ? "<<-" : "<<"
                    builder.redirections.append(ShellRedirection(op: op, target: target))
                    if let target {
                        pending.append(PendingHeredoc(delimiter: Array(target.text.utf8), stripTabs: stripTabs,
                                                      feedsShell: Self.isShell(builder.words)))
                    }
                    return
                }
            } else if j < end, b[j] == 0x26 || b[j] == 0x3E { // <& <>
                j += 1
            }
        } else {
            if j < end, b[j] == 0x3E || b[j] == 0x26 || b[j] == 0x7C { j += 1 } // >> >& >|
        }
        let op = String(decoding: b[start..<j], as: UTF8.self)
        i = j
        builder.redirections.append(ShellRedirection(op: op, target: readTarget(&i, end: end, depth: depth, closer: closer, builder: &builder)))
    }

    private mutating func readTarget(_ i: inout Int, end: Int, depth: Int, closer: Closer, builder: inout Builder) -> ShellWord? {
        while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        guard i < end else { return nil }
        switch b[i] {
        case 0x0A, 0x3B, 0x26, 0x7C, 0x28, 0x29, 0x3C, 0x3E: return nil
        case 0x60 where closer == .backtick: return nil
        default: return scanWord(&i, end: end, depth: depth, closer: closer, builder: &builder)
        }
    }

    /// Whether a command reads a script from standard input: `sh`, `bash -e`, `sudo bash`.
    private static func isShell(_ words: [ShellWord]) -> Bool {
        var rest = words[...]
        if rest.first?.text == "sudo" { rest = rest.dropFirst() }
        guard let first = rest.first else { return false }
        let name = first.text.split(separator: "/").last.map(String.init) ?? first.text
        guard ["sh", "bash", "dash", "ash", "zsh", "ksh"].contains(name) else { return false }
        return rest.dropFirst().allSatisfy { $0.text.hasPrefix("-") && $0.text != "-c" }
    }

    private mutating func readHeredocBodies(_ pending: inout [PendingHeredoc], _ i: inout Int, end: Int, depth: Int) {
        for heredoc in pending {
            let bodyStart = i
            var bodyEnd = end
            while i < end {
                var eol = i
                while eol < end, b[eol] != 0x0A { eol += 1 }
                var s = i
                if heredoc.stripTabs { while s < eol, b[s] == 0x09 { s += 1 } }
                var e = eol
                if e > s, b[e - 1] == 0x0D { e -= 1 }
                if b[s..<e].elementsEqual(heredoc.delimiter) {
                    bodyEnd = i
                    i = min(eol + 1, end)
                    break
                }
                i = min(eol + 1, end)
                if eol >= end { bodyEnd = end }
            }
            if heredoc.feedsShell, bodyStart < bodyEnd {
                var j = bodyStart
                _ = parseList(&j, end: bodyEnd, depth: depth + 1, closer: .none)
            }
        }
        pending.removeAll()
    }

    // MARK: Words

    private mutating func diagnose(_ virtualOffset: Int, _ message: String) {
        if !message.hasPrefix("line continuation") { wordUnterminated = true }
        if tooDeep { return }
        diagnostics.append(ShellDiagnostic(offset: source.fileOffset(of: virtualOffset), message: message))
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    private mutating func scanWord(_ i: inout Int, end: Int, depth: Int, closer: Closer, builder: inout Builder) -> ShellWord {
        let start = i
        var text: [UInt8] = []
        var quoted = false
        wordUnterminated = false
        var expansion = false
        let nestedBefore = commands.count
        scan: while i < end {
            let c = b[i]
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3B, 0x26, 0x7C, 0x29:
                break scan
            case 0x28: // ( only belongs to a word as part of $( or <(
                break scan
            case 0x3C, 0x3E:
                if i + 1 < end, b[i + 1] == 0x28 { // process substitution
                    let open = i
                    var j = i + 2
                    if !parseList(&j, end: end, depth: depth + 1, closer: .paren) {
                        diagnose(open, "unterminated process substitution")
                    }
                    text.append(contentsOf: b[open..<j])
                    expansion = true
                    i = j
                } else {
                    break scan
                }
            case 0x60: // `
                if closer == .backtick { break scan }
                let open = i
                var j = i + 1
                if !parseList(&j, end: end, depth: depth + 1, closer: .backtick) {
                    diagnose(open, "unterminated backquote")
                }
                text.append(contentsOf: b[open..<j])
                expansion = true
                i = j
            case 0x5C: // backslash
                if i + 1 < end {
                    if b[i + 1] == 0x0A {
                        i += 2
                        continue
                    }
                    text.append(b[i + 1])
                    quoted = true
                    i += 2
                } else {
                    text.append(c)
                    i += 1
                }
            case 0x27: // '
                quoted = true
                var j = i + 1
                while j < end, b[j] != 0x27 { j += 1 }
                if j >= end {
                    diagnose(i, "unterminated single quote")
                    text.append(contentsOf: b[(i + 1)..<end])
                    i = end
                } else {
                    text.append(contentsOf: b[(i + 1)..<j])
                    i = j + 1
                }
            case 0x22: // "
                quoted = true
                if scanDoubleQuoted(&i, end: end, depth: depth, into: &text) { expansion = true }
            case 0x24: // $
                guard i + 1 < end else {
                    text.append(c)
                    i += 1
                    continue
                }
                let n = b[i + 1]
                if n == 0x27 { // $'…'
                    quoted = true
                    scanANSIC(&i, end: end, into: &text)
                } else if n == 0x22 { // $"…"
                    quoted = true
                    i += 1
                    if scanDoubleQuoted(&i, end: end, depth: depth, into: &text) { expansion = true }
                } else if n == 0x28 || n == 0x7B || Self.isNameByte(n) || "@*#?-$!".utf8.contains(n) {
                    scanDollar(&i, end: end, depth: depth, into: &text)
                    expansion = true
                } else {
                    text.append(c)
                    i += 1
                }
            default:
                text.append(c)
                i += 1
            }
        }
        if commands.count > nestedBefore {
            builder.nested.append(contentsOf: commands[nestedBefore...])
            commands.removeSubrange(nestedBefore...)
        }
        let last = max(start, i - 1)
        return ShellWord(
            text: String(decoding: text, as: UTF8.self),
            raw: String(decoding: b[start..<max(start, i)], as: UTF8.self),
            offset: source.fileOffset(of: start),
            endOffset: source.fileOffset(of: last) + (i > start ? 1 : 0),
            isQuoted: quoted,
            hasExpansion: expansion
        )
    }

    /// Scans `"…"` from its opening quote; returns whether it held an expansion.
    private mutating func scanDoubleQuoted(_ i: inout Int, end: Int, depth: Int, into text: inout [UInt8]) -> Bool {
        let open = i
        var expansion = false
        var j = i + 1
        while j < end {
            let c = b[j]
            if c == 0x22 {
                i = j + 1
                return expansion
            }
            if c == 0x5C, j + 1 < end {
                let n = b[j + 1]
                if n == 0x0A {
                    j += 2
                } else if n == 0x24 || n == 0x60 || n == 0x22 || n == 0x5C {
                    text.append(n)
                    j += 2
                } else {
                    text.append(c)
                    j += 1
                }
                continue
            }
            if c == 0x24, j + 1 < end, b[j + 1] == 0x28 || b[j + 1] == 0x7B || Self.isNameByte(b[j + 1]) || "@*#?-$!".utf8.contains(b[j + 1]) {
                scanDollar(&j, end: end, depth: depth, into: &text)
                expansion = true
                continue
            }
            if c == 0x60 {
                let start = j
                var k = j + 1
                if !parseList(&k, end: end, depth: depth + 1, closer: .backtick) {
                    diagnose(start, "unterminated backquote")
                }
                text.append(contentsOf: b[start..<k])
                expansion = true
                j = k
                continue
            }
            text.append(c)
            j += 1
        }
        diagnose(open, "unterminated double quote")
        i = end
        return expansion
    }

    /// `$'…'` with the common escapes decoded.
    private mutating func scanANSIC(_ i: inout Int, end: Int, into text: inout [UInt8]) {
        let open = i
        var j = i + 2
        while j < end {
            let c = b[j]
            if c == 0x27 {
                i = j + 1
                return
            }
            if c == 0x5C, j + 1 < end {
                switch b[j + 1] {
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "r"): text.append(0x0D)
                default: text.append(b[j + 1])
                }
                j += 2
                continue
            }
            text.append(c)
            j += 1
        }
        diagnose(open, "unterminated $'…' quote")
        i = end
    }

    /// `$NAME`, `${…}`, `$(…)`, `$((…))` starting at the `$`; appends the text as written.
    private mutating func scanDollar(_ i: inout Int, end: Int, depth: Int, into text: inout [UInt8]) {
        let start = i
        let n = b[i + 1]
        if n == 0x28 {
            if i + 2 < end, b[i + 2] == 0x28 { // $(( arithmetic ))
                var j = i + 3
                var level = 2
                while j < end, level > 0 {
                    if b[j] == 0x28 { level += 1 } else if b[j] == 0x29 { level -= 1 }
                    j += 1
                }
                if level > 0 { diagnose(start, "unterminated $((…)) arithmetic expansion") }
                text.append(contentsOf: b[start..<j])
                i = j
                return
            }
            var j = i + 2
            if !parseList(&j, end: end, depth: depth + 1, closer: .paren) {
                diagnose(start, "unterminated $(…) command substitution")
            }
            text.append(contentsOf: b[start..<j])
            i = j
        } else if n == 0x7B {
            var j = i + 2
            var level = 1
            while j < end {
                let c = b[j]
                if c == 0x5C { j += 2; continue }
                if c == 0x27 { // quotes inside ${…:-'…'}
                    j += 1
                    while j < end, b[j] != 0x27 { j += 1 }
                } else if c == 0x7B {
                    level += 1
                } else if c == 0x7D {
                    level -= 1
                    if level == 0 { break }
                }
                j += 1
            }
            if j >= end {
                diagnose(start, "unterminated ${…} expansion")
                text.append(contentsOf: b[start..<end])
                i = end
            } else {
                text.append(contentsOf: b[start...j])
                i = j + 1
            }
        } else if Self.isNameByte(n) && !(n >= 0x30 && n <= 0x39) {
            var j = i + 1
            while j < end, Self.isNameByte(b[j]) { j += 1 }
            text.append(contentsOf: b[start..<j])
            i = j
        } else {
            text.append(contentsOf: b[start..<(i + 2)])
            i += 2
        }
    }
}
