import MLAuditCore

/// Gitignore-style globs: the first line is a pattern, the other lines paths. Each
/// path is matched as a file and as a directory (a hang, a trap or exponential time
/// is the failure: libFuzzer's timeout catches the last), and a path of plain names
/// must match itself written as an anchored pattern.
enum GlobTarget {
    static func run(_ bytes: [UInt8]) {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(64)
        guard let first = lines.first else { return }
        let paths = lines.dropFirst().map { String(decoding: $0, as: UTF8.self) }
        for allowNegation in [false, true] {
            guard let pattern = GlobPattern(String(decoding: first, as: UTF8.self), allowNegation: allowNegation) else { continue }
            for path in paths {
                _ = pattern.matches(path, isDirectory: false)
                _ = pattern.matches(path, isDirectory: true)
                _ = pattern.matches(components: GlobPattern.components(of: Array(path.utf8))[...], isDirectory: false)
            }
            _ = pattern.literalName
            _ = pattern.starSuffix
            // The ignore index tries a pattern only on names with its literal ending and start.
            let ending = pattern.requiredEnding, start = pattern.requiredStart
            for path in paths where ending != nil || start != nil {
                guard let name = GlobPattern.components(of: Array(path.utf8)).last, pattern.matches(path, isDirectory: true) else { continue }
                invariant(ending.map { name.reversed().starts(with: $0.reversed()) } ?? true,
                          "\(path) matches \(pattern.source) without its ending")
                invariant(start.map { name.starts(with: $0) } ?? true, "\(path) matches \(pattern.source) without its start")
            }
        }
        for path in paths where isPlain(path) {
            let literal = GlobPattern("/" + path)
            invariant(literal?.matches(path, isDirectory: false) == true, "/\(path) does not match \(path)")
            let deep = GlobPattern("**/" + path)
            invariant(deep?.matches("x/" + path, isDirectory: false) == true, "**/\(path) does not match x/\(path)")
        }
    }

    /// Names of letters, digits, `-` and `_`, joined by single `/`.
    static func isPlain(_ path: String) -> Bool {
        !path.isEmpty && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
        }
    }
}
