/// Keeps secrets out of everything mlaudit writes (manifests, diff output, scan
/// findings): secret-looking variable names, credentials embedded in URLs, conda
/// channel tokens, and values that carry well-known token prefixes.
public enum Redaction {
    /// Written in place of a value that was withheld.
    public static let marker = "[redacted]"

    /// Name fragments (matched case-insensitively anywhere in a name) that
    /// make a variable's value secret, whatever the allowlist says.
    public static let secretNameFragments: [String] = [
        "TOKEN", "SECRET", "KEY", "PASSWORD", "PASSWD", "PASSPHRASE", "PWD", "CREDENTIAL",
        "AUTH", "PRIVATE", "SESSION", "COOKIE", "SIGNATURE", "SALT", "DSN", "BEARER", "CERT_PASS",
    ]

    public static func nameLooksSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return secretNameFragments.contains { upper.contains($0) }
    }

    /// Prefixes of widely used access tokens (GitHub, GitLab, Hugging Face,
    /// OpenAI-style, Slack, AWS access key ids, Google API keys).
    static let tokenPrefixes: [String] = [
        "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "hf_", "sk-", "xoxb-", "xoxp-", "xoxa-",
        "AKIA", "ASIA", "AIza",
    ]

    /// Whether a value contains something shaped like an access token: a
    /// known prefix followed by at least 16 token characters.
    public static func valueLooksSecret(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        for prefix in tokenPrefixes {
            let p = Array(prefix.utf8)
            var start = 0
            while start + p.count <= bytes.count {
                if (start == 0 || !isTokenByte(bytes[start - 1])) && bytes[start ..< start + p.count].elementsEqual(p) {
                    var end = start + p.count
                    while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
                    if end - start - p.count >= 16 { return true }
                }
                start += 1
            }
        }
        return false
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
            || byte == 0x5f || byte == 0x2d
    }

    /// Removes user information from every URL in `text`:
    /// `https://user:token@host/x` → `https://host/x`. For `ssh`-like schemes
    /// a bare user name (`ssh://git@host`) is kept, since it names an account
    /// rather than proving one; a password never is.
    public static func stripURLCredentials(_ text: String) -> String {
        guard text.contains("://") else { return text }
        return maskCondaTokens(maskQueryTokens(rewriteURLCredentials(text, replacement: nil)))
    }

    /// Like `stripURLCredentials`, but shows where credentials were:
    /// `https://user:token@host/x` → `https://***@host/x`. For findings, where the
    /// reader should learn that the file holds a credential.
    public static func maskURLCredentials(_ text: String) -> String {
        maskQueryTokens(rewriteURLCredentials(text, replacement: "***"))
    }

    /// Query parameters that carry a credential although their names do not look secret
    /// (`X-Amz-Signature`, `private_token` do): Azure SAS `sig`, OAuth `code`.
    static let secretQueryNames: Set<String> = ["sig", "code"]

    /// Replaces the value of secret-named query parameters in every URL of `text`:
    /// `https://h/x?private_token=abc&page=2` → `https://h/x?private_token=[redacted]&page=2`.
    public static func maskQueryTokens(_ text: String) -> String {
        guard text.contains("://"), text.contains("?") else { return text }
        var bytes = Array(text.utf8)
        var index = 0
        var inURL = false
        var inQuery = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d || byte == 0x22 || byte == 0x27 || byte == 0x60
                || byte == 0x3c || byte == 0x3e {
                inURL = false
                inQuery = false
            } else if byte == 0x3a, index + 2 < bytes.count, bytes[index + 1] == 0x2f, bytes[index + 2] == 0x2f {
                inURL = true
                inQuery = false
            } else if inURL, byte == 0x23 {
                inURL = false
                inQuery = false
            } else if inURL, byte == 0x3f || (inQuery && (byte == 0x26 || byte == 0x3b)) {
                inQuery = true
                let nameStart = index + 1
                var equals = nameStart
                while equals < bytes.count, !endsQueryName(bytes[equals]) { equals += 1 }
                if equals < bytes.count, bytes[equals] == 0x3d {
                    let name = String(decoding: bytes[nameStart ..< equals], as: UTF8.self)
                    var end = equals + 1
                    while end < bytes.count, !endsQueryValue(bytes[end]) { end += 1 }
                    if end > equals + 1, nameLooksSecret(name) || secretQueryNames.contains(name.lowercased()),
                       !bytes[(equals + 1) ..< end].elementsEqual(marker.utf8) {
                        bytes.replaceSubrange((equals + 1) ..< end, with: Array(marker.utf8))
                        index = equals + 1 + marker.utf8.count
                        continue
                    }
                }
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func endsQueryName(_ byte: UInt8) -> Bool {
        byte == 0x3d || byte == 0x26 || byte == 0x3b || byte == 0x23 || endsQueryValue(byte)
    }

    private static func endsQueryValue(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3b || byte == 0x23 || byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
            || byte == 0x22 || byte == 0x27 || byte == 0x60 || byte == 0x3c || byte == 0x3e || byte == 0x2c
    }

    /// Free text that may quote URLs or tokens (a finding's message, a value in a
    /// diff): URL credentials masked, conda `/t/<token>/` segments and token-shaped
    /// words replaced by the marker; the rest left as it is.
    public static func redactText(_ text: String) -> String {
        var out = text
        if out.contains("://") {
            out = maskURLCredentials(out)
            out = maskCondaTokens(out)
        }
        return maskTokens(out)
    }

    /// `https://conda.anaconda.org/t/<token>/channel` → `…/t/[redacted]/channel`.
    static func maskCondaTokens(_ text: String) -> String {
        guard text.contains("/t/") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "/t/") {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let end = rest.firstIndex { $0 == "/" || $0 == " " || $0 == "\"" || $0 == "'" || $0 == "`" } ?? rest.endIndex
            if rest.distance(from: rest.startIndex, to: end) >= 8 {
                result += marker
                rest = rest[end...]
            }
        }
        return result + rest
    }

    /// Replaces every token-shaped word (a known prefix and at least 16 more token characters).
    static func maskTokens(_ text: String) -> String {
        let bytes = Array(text.utf8)
        // Cheap pre-check: no run of token characters is long enough to be a token.
        var run = 0
        var longest = 0
        for byte in bytes {
            run = isTokenByte(byte) ? run + 1 : 0
            longest = max(longest, run)
        }
        if longest < 18 { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        outer: while i < bytes.count {
            if i == 0 || !isTokenByte(bytes[i - 1]) {
                for prefix in tokenPrefixes {
                    let p = Array(prefix.utf8)
                    guard i + p.count <= bytes.count, bytes[i ..< i + p.count].elementsEqual(p) else { continue }
                    var end = i + p.count
                    while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
                    if end - i - p.count >= 16 {
                        out += Array(marker.utf8)
                        i = end
                        continue outer
                    }
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func rewriteURLCredentials(_ text: String, replacement: String?) -> String {
        guard text.contains("://") else { return text }
        var bytes = Array(text.utf8)
        var searchFrom = 0
        while let separator = find(Array("://".utf8), in: bytes, from: searchFrom) {
            let authorityStart = separator + 3
            var index = authorityStart
            var at: Int?
            var colon: Int?
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x2f || byte == 0x3f || byte == 0x23 || byte == 0x20 || byte == 0x09 || byte == 0x0a
                    || byte == 0x22 || byte == 0x27 || byte == 0x2c || byte == 0x3b {
                    break
                }
                if byte == 0x40 { at = index } // last '@' before the path wins
                if byte == 0x3a, at == nil, colon == nil { colon = index }
                index += 1
            }
            if let at {
                let scheme = schemeBefore(separator, in: bytes).lowercased()
                let keepUser = colon == nil && (scheme.hasSuffix("ssh") || scheme == "git")
                if !keepUser {
                    if let replacement {
                        bytes.replaceSubrange(authorityStart ..< at, with: Array(replacement.utf8))
                        searchFrom = authorityStart + replacement.utf8.count + 1
                        continue
                    }
                    bytes.removeSubrange(authorityStart ... at)
                } else {
                    searchFrom = at
                    continue
                }
            }
            searchFrom = authorityStart
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Redacts a free-form value: URL credentials always, the whole value
    /// when it looks like a token.
    public static func sanitize(_ value: String) -> String {
        valueLooksSecret(value) ? marker : stripURLCredentials(value)
    }

    /// Redacts one command-line argument (`--flag=value`, `NAME=value` or a
    /// plain value).
    public static func sanitizeArgument(_ argument: String) -> String {
        if let equals = argument.firstIndex(of: "=") {
            let name = argument[..<equals]
            if nameLooksSecret(String(name)) { return name + "=" + marker }
        }
        return sanitize(argument)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for index in start ... haystack.count - needle.count where haystack[index ..< index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }

    private static func schemeBefore(_ separator: Int, in bytes: [UInt8]) -> String {
        var start = separator
        while start > 0 {
            let byte = bytes[start - 1]
            let isSchemeByte = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
                || (byte >= 0x30 && byte <= 0x39) || byte == 0x2b || byte == 0x2d || byte == 0x2e
            if !isSchemeByte { break }
            start -= 1
        }
        return String(decoding: bytes[start ..< separator], as: UTF8.self)
    }
}
