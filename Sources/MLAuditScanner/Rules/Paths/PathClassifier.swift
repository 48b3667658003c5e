/// Finds machine-specific paths inside one text value (a string literal, a YAML
/// value, a shell word), on UTF-8 bytes. A path may start at the beginning of the
/// value or after a blank, `=`, `:`, `,`, a quote or a bracket; a path that is part
/// of a URL (`https://host/home/…`) is not one, except after `file://`.
enum PathClassifier {
    enum Kind: Equatable {
        /// PATH001: inside a user's home directory.
        case userHome
        /// PATH002: a machine-specific mount or data location, or an absolute file location.
        case machine
        /// PATH003: relative to whoever runs the code (`~/…`).
        case homeRelative
    }

    struct Match: Equatable {
        var kind: Kind
        /// Byte offset of the path in the value.
        var offset: Int
        var path: String
    }

    static let mounts: [String] = ["mnt", "media", "Volumes", "scratch", "data", "datasets", "nfs", "gpfs", "lustre", "fsx",
                                   "checkpoint", "dbfs"]
    static let twoLevelMounts: [(String, String)] = [("content", "drive"), ("kaggle", "input")]
    static let systemDirectories: Set<String> = ["usr", "etc", "dev", "proc", "sys", "tmp", "opt", "bin", "sbin", "var", "lib",
                                                 "lib64", "System", "Library", "private"]

    /// Every path in `value`. `isFileLocation` says the value is used as a file location
    /// (passed to a file API or named like `*_dir`), which makes any absolute path
    /// outside the system directories machine-specific.
    static func matches(in value: [UInt8], isFileLocation: Bool = false) -> [Match] {
        guard value.contains(where: { $0 == 0x2F || $0 == 0x5C || $0 == 0x7E }) else { return [] }  // / \ ~
        var found: [Match] = []
        var i = 0
        while i < value.count {
            // `file:///home/…` names a local path: check what follows the scheme.
            if isStart(value, i), value[i...].starts(with: "file://".utf8) {
                i += 7
                if let match = classify(value, from: i, isFileLocation: isFileLocation) {
                    found.append(match)
                    i = skipPath(value, from: i)
                }
                continue
            }
            if isStart(value, i), let match = classify(value, from: i, isFileLocation: isFileLocation) {
                found.append(match)
                i = skipPath(value, from: i)
                continue
            }
            i += 1
        }
        return found
    }

    private static func isStart(_ v: [UInt8], _ i: Int) -> Bool {
        guard i > 0 else { return true }
        switch v[i - 1] {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "\""),
             UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ";"):
            // `scheme:/x` and `host:/x` after `://` are URLs, not paths.
            if v[i - 1] == UInt8(ascii: ":") && precededByURLScheme(v, i - 1) { return false }
            return true
        default:
            return false
        }
    }

    /// Whether the text before the colon at `colon` is a URL scheme or inside a URL.
    private static func precededByURLScheme(_ v: [UInt8], _ colon: Int) -> Bool {
        var start = colon
        while start > 0, !isBlank(v[start - 1]) { start -= 1 }
        let word = v[start..<colon]
        return word.contains(UInt8(ascii: "/")) || (colon + 2 < v.count && v[colon + 1] == 0x2F && v[colon + 2] == 0x2F)
    }

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func isPathByte(_ b: UInt8) -> Bool {
        !(isBlank(b) || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: ",") || b == UInt8(ascii: ";")
          || b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") || b == UInt8(ascii: ":"))
    }

    private static func skipPath(_ v: [UInt8], from i: Int) -> Int {
        var j = i + 1
        // A Windows drive's colon belongs to the path.
        while j < v.count, isPathByte(v[j]) || (j == i + 1 && v[j] == UInt8(ascii: ":")) { j += 1 }
        return j
    }

    /// Path segments from `i` on (for `/a/b` or `C:\a\b`), up to the end of the path.
    private static func segments(_ v: [UInt8], from i: Int, end: Int) -> [Substring] {
        let text = String(decoding: v[i..<end], as: UTF8.self)
        return text.split(whereSeparator: { $0 == "/" || $0 == "\\" })
    }

    private static func classify(_ v: [UInt8], from i: Int, isFileLocation: Bool) -> Match? {
        let end = skipPath(v, from: i)
        let text = String(decoding: v[i..<end], as: UTF8.self)
        let c = v[i]
        if c == UInt8(ascii: "~") {
            // `~/x` or `~name/x`; not `~is_test` or a formula's `~`.
            guard let slash = text.firstIndex(of: "/"), text.index(after: slash) < text.endIndex,
                  text[text.index(after: text.startIndex)..<slash].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
            else { return nil }
            return Match(kind: .homeRelative, offset: i, path: text)
        }
        if c == UInt8(ascii: "/") {
            guard !(i + 1 < v.count && v[i + 1] == UInt8(ascii: "/")) else { return nil }  // `//host` or a comment
            if i >= 1, v[i - 1] == UInt8(ascii: ":"), precededByURLScheme(v, i - 1) { return nil }
            let parts = segments(v, from: i, end: end)
            guard let first = parts.first else { return nil }
            // Homes: /home/NAME (also below a prefix: /private/home/NAME, /net/fs1/home/NAME), /Users/NAME, /root/….
            if let h = parts.prefix(3).firstIndex(of: "home"), h + 1 < parts.count, !parts[h + 1].isEmpty {
                return Match(kind: .userHome, offset: i, path: text)
            }
            if first == "Users", parts.count >= 2, parts[1] != "Shared" { return Match(kind: .userHome, offset: i, path: text) }
            if first == "root", parts.count >= 2 { return Match(kind: .userHome, offset: i, path: text) }
            if mounts.contains(String(first)), parts.count >= 2 { return Match(kind: .machine, offset: i, path: text) }
            if parts.count >= 3, twoLevelMounts.contains(where: { $0.0 == first && $0.1 == parts[1] }) {
                return Match(kind: .machine, offset: i, path: text)
            }
            // System directories, and `/.github`-style paths, which are relative to a repository.
            if systemDirectories.contains(String(first)) || first == "home" || first == "Users" || first.hasPrefix(".") { return nil }
            if parts.count >= 2, isFileLocation || hasFileExtension(parts[parts.count - 1]) {
                return Match(kind: .machine, offset: i, path: text)
            }
            return nil
        }
        // Windows drive: `C:\…` or `c:/…`.
        if i + 2 < v.count, (c | 0x20) >= 0x61, (c | 0x20) <= 0x7A, v[i + 1] == UInt8(ascii: ":"),
           v[i + 2] == UInt8(ascii: "\\") || v[i + 2] == UInt8(ascii: "/"),
           !(i + 3 < v.count && v[i + 3] == UInt8(ascii: "/")) {
            guard i == 0 || !isLetter(v[i - 1]) else { return nil }
            let parts = segments(v, from: i + 2, end: end)
            guard !parts.isEmpty else { return nil }
            if parts[0].lowercased() == "users", parts.count >= 2, parts[1].lowercased() != "public" {
                return Match(kind: .userHome, offset: i, path: text)
            }
            return Match(kind: .machine, offset: i, path: text)
        }
        return nil
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func hasFileExtension(_ name: Substring) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        let ext = name[name.index(after: dot)...]
        return (1...16).contains(ext.count) && ext.allSatisfy { $0.isLetter || $0.isNumber } && ext.contains(where: \.isLetter)
    }

    /// Names of variables, keywords and config keys whose value is a file location.
    static func isLocationName(_ name: String) -> Bool {
        let n = name.lowercased()
        if ["root", "ckpt", "checkpoint", "path", "dir", "directory", "file", "filename", "folder"].contains(n) { return true }
        return ["_dir", "_path", "_file", "_root", "_folder", "_ckpt", "_directory", "dir", "path"].contains { n.hasSuffix($0) }
    }
}
