import MLAuditParsers

/// For each string literal of a Python program, the bracket it sits in directly: a
/// call's parentheses or a display (list, tuple, set, dict), and for a call, whether
/// the call itself is an element of a display and whether it is given a repository,
/// URL or root (`repo_id=…`, `images_root=…`) that its other paths are relative to.
struct BracketContexts {
    struct Context {
        var isCallArgument: Bool
        var callIsInDisplay: Bool
        var callNamesRemoteOrRoot: Bool
    }

    private var contexts: [Int: Context] = [:]

    init(_ source: PythonSource, catalogue: DataFileCatalogue) {
        // Per bracket opened: whether it is a call's, whether it sits directly in a display,
        // and (settled when the whole call has been read) whether it names a repo or root.
        var isCall: [Bool] = []
        var inDisplay: [Bool] = []
        var namesRemoteOrRoot: [Bool] = []
        var stack: [Int] = []
        var strings: [(offset: Int, bracket: Int)] = []
        let bytes = source.bytes
        var previous: PythonToken?
        var beforePrevious: PythonToken?
        func text(_ t: PythonToken) -> ArraySlice<UInt8> { bytes[t.start..<t.end] }
        func isOp(_ t: PythonToken?, _ op: String) -> Bool { t.map { $0.kind == .op && text($0).elementsEqual(op.utf8) } ?? false }
        for token in source.tokens {
            switch token.kind {
            case .comment, .nl, .indent, .dedent: continue
            default: break
            }
            defer { beforePrevious = previous; previous = token }
            if token.kind == .op, token.end - token.start == 1 {
                switch bytes[token.start] {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    let afterCallable = previous.map { p in
                        (p.kind == .name && !Self.isKeyword(text(p))) || isOp(p, ")") || isOp(p, "]")
                    } ?? false
                    isCall.append(bytes[token.start] == UInt8(ascii: "(") && afterCallable)
                    inDisplay.append(stack.last.map { !isCall[$0] } ?? false)
                    namesRemoteOrRoot.append(false)
                    stack.append(isCall.count - 1)
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if !stack.isEmpty { stack.removeLast() }
                case UInt8(ascii: "="):
                    // `repo_id=`, `images_root=`: a keyword of the innermost call.
                    if let name = previous, name.kind == .name, let open = stack.last, isCall[open], isOp(beforePrevious, "(") || isOp(beforePrevious, ",") {
                        let keyword = String(decoding: text(name), as: UTF8.self)
                        if catalogue.isRemoteName(keyword) || Self.isRootName(keyword) { namesRemoteOrRoot[open] = true }
                    }
                default: break
                }
            } else if token.kind == .name, let open = stack.last, isCall[open], isOp(previous, "(") || isOp(previous, ",") {
                // A positional `repo_id` or `data_root` variable.
                let name = String(decoding: text(token), as: UTF8.self)
                if catalogue.isRemoteName(name) || Self.isRootName(name) { namesRemoteOrRoot[open] = true }
            } else if token.kind == .string, let open = stack.last {
                strings.append((token.start, open))
            }
        }
        for (offset, open) in strings {
            contexts[offset] = Context(isCallArgument: isCall[open], callIsInDisplay: isCall[open] && inDisplay[open],
                                       callNamesRemoteOrRoot: isCall[open] && namesRemoteOrRoot[open])
        }
    }

    func context(ofStringAt offset: Int) -> Context? { contexts[offset] }

    static func isRootName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "root" || lower.hasSuffix("_root") || lower.hasPrefix("root_") || lower == "data_dir" || lower == "base_dir"
    }

    static func isKeyword(_ word: ArraySlice<UInt8>) -> Bool {
        for keyword in ["if", "in", "and", "or", "not", "return", "yield", "else", "elif", "while", "for", "is", "await", "assert", "lambda", "from", "import"]
            where word.elementsEqual(keyword.utf8) { return true }
        return false
    }
}
