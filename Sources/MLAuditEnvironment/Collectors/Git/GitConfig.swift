/// The parts of a git config file mlaudit reads: remotes' URLs and each
/// branch's remote. Includes are not followed.
struct GitConfig: Equatable {
    /// Remote name → URL (as written; redact before recording).
    var remotes: [String: String] = [:]
    /// Branch name → remote name.
    var branchRemotes: [String: String] = [:]

    static func parse(_ text: String) -> GitConfig {
        var config = GitConfig()
        var section = ""
        var subsection: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard let close = line.lastIndex(of: "]") else { continue }
                let header = line[line.index(after: line.startIndex) ..< close].trimmingSpaces()
                if let quote = header.firstIndex(of: "\"") {
                    section = header[..<quote].trimmingSpaces().lowercased()
                    subsection = String(header[header.index(after: quote)...].dropLast(header.hasSuffix("\"") ? 1 : 0))
                } else if let dot = header.firstIndex(of: ".") {
                    // Deprecated [section.subsection] syntax.
                    section = header[..<dot].lowercased()
                    subsection = String(header[header.index(after: dot)...])
                } else {
                    section = header.lowercased()
                    subsection = nil
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingSpaces().lowercased()
            var value = String(line[line.index(after: equals)...].trimmingSpaces())
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard let subsection else { continue }
            switch (section, key) {
            case ("remote", "url"): if config.remotes[subsection] == nil { config.remotes[subsection] = value }
            case ("branch", "remote"): config.branchRemotes[subsection] = value
            default: break
            }
        }
        return config
    }
}
