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
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        return digestWords.contains { text.contains($0) }
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
