import MLAuditCore
import MLAuditParsers

/// DAT002: a file fetched from a URL that nothing verifies: Python downloaders
/// without a hash, `wget`/`curl` saving a file with no `sha256sum -c` after it,
/// Dockerfile `ADD <url>` without `--checksum`.
struct UncheckedDownloadRule: FileRule {
    let ruleIDs = ["DAT002"]

    func applies(to kind: FileKind) -> Bool {
        kind == .python || ShellBearingKinds.all.contains(kind)
    }

    func check(_ file: FileContext) {
        if let source = file.python { checkPython(source, file) }
        if ShellBearingKinds.all.contains(file.kind) { checkShell(file) }
        if let dockerfile = file.dockerfile { checkAdd(dockerfile, file) }
    }

    /// Python downloaders: callee → keywords (any of them) that carry a hash; empty = it cannot verify.
    static let pythonDownloaderTable: [(names: [String], hashKeywords: [String], hashPosition: Int?)] = [
        (["urllib.request.urlretrieve", "urllib.urlretrieve", "six.moves.urllib.request.urlretrieve", "wget.download", "gdown.download"], [], nil),
        (["keras.utils.get_file", "tensorflow.keras.utils.get_file", "tf_keras.utils.get_file", "keras.utils.data_utils.get_file",
          "keras.src.utils.file_utils.get_file"], ["file_hash", "md5_hash"], 2),
        (["gdown.cached_download"], ["hash", "md5"], nil),
        (["torch.hub.download_url_to_file"], ["hash_prefix"], 2),
        (["torchvision.datasets.utils.download_url", "torchvision.datasets.utils.download_and_extract_archive"], ["md5"], 3),
        (["torch.hub.load_state_dict_from_url", "torch.utils.model_zoo.load_url", "torch.model_zoo.load_url",
          "torchvision.models.utils.load_state_dict_from_url", "torchvision._internally_replaced_utils.load_state_dict_from_url"],
         ["check_hash"], 4),
    ]
    static let pythonDownloaders: [(names: NamePatterns, hashKeywords: [String], hashPosition: Int?)] =
        pythonDownloaderTable.map { (NamePatterns($0.names), $0.hashKeywords, $0.hashPosition) }
    /// Most calls are no downloader: checked before the table.
    static let pythonDownloaderNames = NamePrefilter(pythonDownloaderTable.map(\.names))

    /// Whether an argument carries a hash: present, and neither None nor False.
    static func givesHash(_ argument: PythonArgument) -> Bool {
        argument.value != .none && argument.value != .bool(false)
    }

    private func checkPython(_ source: PythonSource, _ file: FileContext) {
        for call in source.calls where call.isImported && Self.pythonDownloaderNames.mayMatch(call.qualifiedName) {
            guard let entry = Self.pythonDownloaders.first(where: { $0.names.matches(call.qualifiedName) }) else { continue }
            if call.hasStarredArguments { continue }
            if entry.hashKeywords.contains(where: { k in call.argument(k).map(Self.givesHash) ?? false }) { continue }
            if let p = entry.hashPosition, call.positional.count > p, Self.givesHash(call.positional[p]) { continue }
            let advice: String
            if entry.hashKeywords.isEmpty {
                advice = "it cannot check what it receives; download with a tool that verifies a hash (pooch.retrieve(known_hash=…), keras get_file(file_hash=…)) or check the file's SHA-256 before use"
            } else if entry.hashKeywords[0] == "check_hash" {
                advice = "pass check_hash=True and name the file with its SHA-256 prefix (`name-<sha256[:8]>.pth`) so a changed or corrupted file is refused"
            } else {
                advice = "pass \(entry.hashKeywords[0])= with the file's known hash so a changed or corrupted file is refused"
            }
            file.report("DAT002", in: source, atByte: call.range.lowerBound, message: "`\(call.callee)` downloads without an integrity check: \(advice)")
        }
        for call in PythonHTTPDownloads.unverifiedResponses(source) {
            file.report("DAT002", in: source, atByte: call.range.lowerBound,
                        message: "`\(call.callee)` fetches a file that is saved without an integrity check: compare its SHA-256 with a recorded digest before use (or download with pooch.retrieve(known_hash=…))")
        }
        let loaders = source.calls.filter { call in
            call.isImported && !call.hasStarredArguments && PythonHTTPDownloads.urlCheckpointLoaders.contains { $0.names.matches(call.qualifiedName) }
        }
        guard !loaders.isEmpty else { return }
        let resolver = HubIDResolver(source)
        for call in loaders {
            guard let entry = PythonHTTPDownloads.urlCheckpointLoaders.first(where: { $0.names.matches(call.qualifiedName) }),
                  PythonHTTPDownloads.isURLArgument(call.argument(entry.url.0, or: entry.url.1), resolver, at: call.range.lowerBound) else { continue }
            file.report("DAT002", in: source, atByte: call.range.lowerBound,
                        message: "`\(call.callee)` loads a checkpoint from a URL and cannot check its hash: download it with a digest check (pooch.retrieve(known_hash=…)) and load the local file")
        }
    }

    private func checkShell(_ file: FileContext) {
        let stageStarts = file.dockerfile.map { d in d.instructions.filter { $0.keyword == "FROM" }.map(\.offset) } ?? []
        func group(_ parsed: ParsedShellRegion, _ index: Int) -> Int {
            switch parsed.region.origin {
            case .dockerfileRun:
                let offset = parsed.region.text.fileOffset(of: 0)
                return stageStarts.lastIndex { $0 <= offset } ?? 0
            case .workflowRun: return index
            default: return 0
            }
        }
        let regions = file.shellRegions
        // Read only when a wget or curl command asks: most files have none.
        var builtURLVariables: Set<String>?
        func urlVariables() -> Set<String> {
            if let builtURLVariables { return builtURLVariables }
            let names = Self.urlVariables(in: file.bytes)
            builtURLVariables = names
            return names
        }
        var checks: [(group: Int, offset: Int)] = []
        var downloads: [(group: Int, word: ShellWord, tool: String, cell: Int?)] = []
        for (i, parsed) in regions.enumerated() {
            let g = group(parsed, i)
            for command in parsed.commands {
                let words = Self.dropPrefixes(command.words)
                guard let first = words.first else { continue }
                let tool = RelativePath.name(of: first.text)
                if Self.checksumTools.contains(tool), words.dropFirst().contains(where: { Self.isCheckFlag($0.text) }) {
                    checks.append((g, first.offset))
                } else if tool == "wget", Self.wgetSavesFile(words, urlVariables: urlVariables()) {
                    downloads.append((g, first, "wget", parsed.cell))
                } else if tool == "curl", Self.curlSavesFile(words, urlVariables: urlVariables()) {
                    downloads.append((g, first, "curl", parsed.cell))
                }
            }
        }
        for download in downloads where !checks.contains(where: { $0.group == download.group && $0.offset > download.word.offset }) {
            file.report("DAT002", at: download.word,
                        message: "`\(download.tool)` saves a download that nothing verifies; check it afterwards (`echo \"<sha256>  FILE\" | sha256sum -c -`) so a changed or corrupted file stops the build",
                        cell: download.cell)
        }
    }

    static let checksumTools: Set<String> = ["sha256sum", "sha512sum", "sha384sum", "sha224sum", "sha1sum", "md5sum", "shasum", "b2sum"]

    static func isCheckFlag(_ word: String) -> Bool {
        if word == "--check" { return true }
        return word.hasPrefix("-") && !word.hasPrefix("--") && word.contains("c")
    }

    static func dropPrefixes(_ words: [ShellWord]) -> ArraySlice<ShellWord> {
        var rest = words[...]
        // Also the shell keywords that may start a simple command (`if …; then sha256sum -c …`).
        while let first = rest.first, ["sudo", "command", "exec", "time", "nice", "nohup", "then", "else", "do", "!", "{"].contains(first.text) {
            rest = rest.dropFirst()
        }
        return rest
    }

    static func hasURL(_ words: ArraySlice<ShellWord>, urlVariables: Set<String> = []) -> Bool {
        words.dropFirst().contains { word in
            if word.text.containsBytes("://") { return true }
            guard word.hasExpansion, let name = leadingVariable(word.text) else { return false }
            return urlVariables.contains(name) || name.lowercased().hasSuffix("url")
        }
    }

    /// `NAME` of a word that starts with `$NAME` or `${NAME…}`.
    static func leadingVariable(_ text: String) -> String? {
        guard text.hasPrefix("$") else { return nil }
        var rest = text.dropFirst()
        if rest.hasPrefix("{") { rest = rest.dropFirst() }
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard let first = name.first, !first.isNumber else { return nil }
        return String(name)
    }

    /// `urlVariables` of a file's bytes: only the lines (between line feeds, which always end
    /// a line however lines are split) that hold `://` are decoded and read.
    static func urlVariables(in bytes: [UInt8]) -> Set<String> {
        var names = Set<String>()
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var lineStart = 0
            var hasScheme = false
            var k = 0
            while k <= n {
                if k == n || b[k] == 0x0A {
                    if hasScheme {
                        names.formUnion(urlVariables(String(decoding: UnsafeBufferPointer(rebasing: b[lineStart..<k]), as: UTF8.self)))
                    }
                    lineStart = k + 1
                    hasScheme = false
                } else if b[k] == UInt8(ascii: ":"), k + 2 < n, b[k + 1] == UInt8(ascii: "/"), b[k + 2] == UInt8(ascii: "/") {
                    hasScheme = true
                }
                k += 1
            }
        }
        return names
    }

    /// Names a file assigns a URL to: `NAME=https://…` in shell (also after `export`, `local`,
    /// `readonly`) and `ENV`/`ARG NAME=https://…` in a Dockerfile.
    static func urlVariables(_ text: String) -> Set<String> {
        guard text.contains("://") else { return [] }
        var names = Set<String>()
        for rawLine in text.split(whereSeparator: \.isNewline) where rawLine.contains("://") {
            var line = rawLine.drop { $0 == " " || $0 == "\t" }
            for prefix in ["export ", "local ", "readonly ", "declare ", "ENV ", "ARG "] where line.hasPrefix(prefix) {
                line = line.dropFirst(prefix.count).drop { $0 == " " }
            }
            let name = line.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            guard !name.isEmpty, !name.first!.isNumber, line.dropFirst(name.count).hasPrefix("=") else { continue }
            let value = line.dropFirst(name.count + 1).drop { $0 == "\"" || $0 == "'" }
            if value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("ftp://") { names.insert(String(name)) }
        }
        return names
    }

    static func wgetSavesFile(_ words: ArraySlice<ShellWord>, urlVariables: Set<String> = []) -> Bool {
        guard hasURL(words, urlVariables: urlVariables) else { return false }
        var expectOutput = false
        for word in words.dropFirst() {
            let t = word.text
            if expectOutput { if t == "-" { return false }; expectOutput = false; continue }
            if t == "--spider" { return false }
            if t == "--output-document=-" || t == "-O-" { return false }
            if t == "-O" || t == "--output-document" { expectOutput = true; continue }
            if t.hasPrefix("-"), !t.hasPrefix("--"), t.hasSuffix("O-") { return false }
            if t.hasPrefix("-"), !t.hasPrefix("--"), t.hasSuffix("O") { expectOutput = true }
        }
        return true
    }

    /// Short curl options that take the next word as their value.
    static let curlShortWithValue = Set("oAbcdDeEFHKmQrTuUwxXyYzCPt")

    /// curl options that send data: such a request posts or uploads, and what it saves is a reply.
    static let curlSendOptions: Set<String> = ["-d", "--data", "--data-binary", "--data-raw", "--data-urlencode", "-F", "--form", "-T", "--upload-file", "--json"]

    static func curlSavesFile(_ words: ArraySlice<ShellWord>, urlVariables: Set<String> = []) -> Bool {
        guard hasURL(words, urlVariables: urlVariables) else { return false }
        for (i, word) in zip(words.indices, words) {
            let t = word.text
            if curlSendOptions.contains(t) || curlSendOptions.contains(where: { $0.hasPrefix("--") && t.hasPrefix($0 + "=") }) { return false }
            if (t == "-X" || t == "--request"), i + 1 < words.endIndex, ["POST", "PUT", "PATCH", "DELETE"].contains(words[i + 1].text.uppercased()) { return false }
            if t.hasPrefix("--request="), ["POST", "PUT", "PATCH", "DELETE"].contains(t.dropFirst(10).uppercased()) { return false }
        }
        var saves = false
        var i = words.startIndex + 1
        while i < words.endIndex {
            let t = words[i].text
            if t == "-O" || t == "--remote-name" || t == "--remote-name-all" { saves = true }
            else if t == "-o" || t == "--output" {
                if i + 1 < words.endIndex, words[i + 1].text != "-" { saves = true }
                i += 1
            } else if t.hasPrefix("--output=") {
                if t != "--output=-" { saves = true }
            } else if t.hasPrefix("-"), !t.hasPrefix("--"), t.count > 1 {
                for (k, c) in t.dropFirst().enumerated() {
                    if c == "O" { saves = true }
                    if curlShortWithValue.contains(c) {
                        let inline = t.dropFirst(k + 2)
                        let value = inline.isEmpty ? (i + 1 < words.endIndex ? words[i + 1].text : "-") : String(inline)
                        if c == "o", value != "-" { saves = true }
                        if inline.isEmpty { i += 1 }
                        break
                    }
                }
            }
            i += 1
        }
        return saves
    }

    private func checkAdd(_ dockerfile: Dockerfile, _ file: FileContext) {
        for instruction in dockerfile.instructions where instruction.keyword == "ADD" {
            let words = ShellSplitter.split(instruction.arguments).commands.first?.words ?? []
            if words.contains(where: { $0.text.hasPrefix("--checksum=") }) { continue }
            let sources = words.filter { !$0.text.hasPrefix("--") }.dropLast()
            guard let remote = sources.first(where: { $0.text.hasPrefix("http://") || $0.text.hasPrefix("https://") }) else { continue }
            file.report("DAT002", line: instruction.line, column: 1,
                        message: "ADD fetches \(remote.text) without --checksum; add --checksum=sha256:<digest> so a changed file fails the build")
        }
    }
}
