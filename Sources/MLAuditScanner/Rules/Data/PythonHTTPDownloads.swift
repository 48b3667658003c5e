import MLAuditCore
import MLAuditParsers

/// Python downloads made with a general HTTP client (`requests`, `httpx`, `urllib`)
/// whose response is written to a file, in a file that never computes or compares a
/// digest; checkpoint loaders that fetch a URL without checking its hash.
enum PythonHTTPDownloads {
    static let clients = NamePatterns([
        "requests.get", "requests.request", "requests.api.get", "httpx.get", "httpx.stream", "httpx.request",
        "urllib.request.urlopen", "urllib2.urlopen", "six.moves.urllib.request.urlopen",
    ])

    /// Loaders that fetch a checkpoint URL (argument position, keyword) and cannot be told its digest.
    static let urlCheckpointLoaders: [(names: NamePatterns, url: (Int, String))] = [
        (NamePatterns(["mmcv.runner.load_checkpoint", "mmcv.runner.checkpoint.load_checkpoint", "mmengine.runner.load_checkpoint",
                       "mmengine.runner.checkpoint.load_checkpoint"]), (1, "filename")),
    ]

    /// Words whose presence in a file means it handles digests itself somewhere.
    static let digestWords = ["hashlib", "sha256", "sha512", "sha1(", "md5", "checksum", "hexdigest", "blake2"]

    /// Calls that write a file: `open(…, "w…"/"a…")`, `Path.write_bytes`/`write_text`, `shutil.copyfileobj`.
    static func writesFile(_ call: PythonCall) -> Bool {
        let name = call.qualifiedName
        if name.hasSuffix(".write_bytes") || name.hasSuffix(".write_text") || name == "shutil.copyfileobj" { return true }
        guard name == "open" || name == "io.open" || name.hasSuffix(".open") else { return false }
        guard let mode = call.argument(1, or: "mode")?.value.stringValue else { return false }
        return mode.contains("w") || mode.contains("a") || mode.contains("x")
    }

    static func mentionsDigest(_ bytes: [UInt8]) -> Bool {
        asciiMentionsDigest(bytes) ?? unicodeMentionsDigest(bytes)
    }

    static func unicodeMentionsDigest(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        return digestWords.contains { text.contains($0) }
    }

    private static let digestWordBytes = digestWords.map { Array($0.utf8) }

    /// The digest words searched for as ASCII bytes, ignoring ASCII case: nil when only the
    /// Unicode-aware search can tell (a letter whose lower case is ASCII, `K` KELVIN SIGN or
    /// `İ`, or a match followed by a non-ASCII byte that may be a combining mark).
    static func asciiMentionsDigest(_ bytes: [UInt8]) -> Bool? {
        var undecided = false
        let found: Bool = bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                if c >= 0x80 {
                    if c == 0xE2, i + 2 < n, b[i + 1] == 0x84, b[i + 2] == 0xAA { undecided = true; return false }
                    if c == 0xC4, i + 1 < n, b[i + 1] == 0xB0 { undecided = true; return false }
                    i += 1
                    continue
                }
                let lower = c | ((c >= 0x41 && c <= 0x5A) ? 0x20 : 0)
                if lower == UInt8(ascii: "h") || lower == UInt8(ascii: "s") || lower == UInt8(ascii: "m")
                    || lower == UInt8(ascii: "c") || lower == UInt8(ascii: "b") {
                    for word in digestWordBytes where word[0] == lower && i + word.count <= n {
                        var k = 1
                        while k < word.count {
                            let d = b[i + k]
                            if (d | ((d >= 0x41 && d <= 0x5A) ? 0x20 : 0)) != word[k] { break }
                            k += 1
                        }
                        guard k == word.count else { continue }
                        if i + k < n, b[i + k] >= 0x80 { undecided = true; return false }
                        return true
                    }
                }
                i += 1
            }
            return false
        }
        return undecided ? nil : found
    }

    /// URLs that are services on this machine or cloud metadata, not downloads.
    static func isLocalService(_ url: String) -> Bool {
        ["http://localhost", "https://localhost", "http://127.", "https://127.", "http://0.0.0.0", "http://169.254.", "http://["]
            .contains { url.hasPrefix($0) }
    }

    /// The HTTP client calls of a file that save what they fetch to a file, with nothing in
    /// the file computing a digest: the client call and the write must be in the same function
    /// (or, at module level, the write within the next 15 lines).
    static func unverifiedResponses(_ source: PythonSource) -> [PythonCall] {
        let calls = source.calls
        guard calls.contains(where: { $0.isImported && clients.matches($0.qualifiedName) }) else { return [] }
        if mentionsDigest(source.bytes) { return [] }
        let summary = source.summary
        let writes = calls.filter(writesFile)
        var found: [PythonCall] = []
        for call in calls where call.isImported && clients.matches(call.qualifiedName) {
            if let url = call.argument(0, or: "url")?.value.stringValue, isLocalService(url) || !url.contains("://") { continue }
            // `requests.get(api).json()`, `.status_code`: a reply read in memory, not a file.
            if readsReplyInMemory(after: call.range.upperBound, source.bytes) { continue }
            let function = summary.enclosingFunction(ofByte: call.range.lowerBound)
            let saves = writes.contains { write in
                if let function {
                    return function.range.contains(write.range.lowerBound)
                        && summary.enclosingFunction(ofByte: write.range.lowerBound)?.range.lowerBound == function.range.lowerBound
                }
                return summary.enclosingFunction(ofByte: write.range.lowerBound) == nil
                    && write.line >= call.line - 2 && write.line <= call.line + 15
            }
            if saves { found.append(call) }
        }
        return found
    }

    static func readsReplyInMemory(after offset: Int, _ bytes: [UInt8]) -> Bool {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ".") else { return false }
        let rest = bytes[(offset + 1)..<min(bytes.count, offset + 16)]
        return ["json(", "status_code", "ok", "headers", "getcode(", "raise_for_status("].contains { word in
            rest.starts(with: word.utf8) && (rest.count == word.utf8.count || !isNameByte(rest[rest.startIndex + word.utf8.count]) || word.hasSuffix("("))
        }
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    /// Whether a checkpoint argument is a URL: a literal with a scheme, a constant bound
    /// to one, or a name that says it is one (`head_checkpoint_url`).
    static func isURLArgument(_ argument: PythonArgument?, _ resolver: HubIDResolver, at offset: Int) -> Bool {
        guard let argument else { return false }
        switch argument.value {
        case .string(let s): return s.hasPrefix("http://") || s.hasPrefix("https://")
        case .name(let n):
            if let s = resolver.constant(n, at: offset) { return s.hasPrefix("http://") || s.hasPrefix("https://") }
            let last = n.split(separator: ".").last.map { $0.lowercased() } ?? ""
            return last == "url" || last.hasSuffix("_url") || last.hasPrefix("url_")
        default: return false
        }
    }
}
