/// Parses Alpine's installed database (`/lib/apk/db/installed`): stanzas of
/// `X:value` lines separated by blank lines; `P` name, `V` version, `A` arch.
enum ApkDatabaseParser {
    static func parse(_ text: String) -> [SystemPackage] {
        var packages: [SystemPackage] = []
        var name: String?
        var version: String?
        var architecture: String?
        func flush() {
            if let name, let version { packages.append(SystemPackage(name: name, version: version, architecture: architecture)) }
            name = nil; version = nil; architecture = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { flush(); continue }
            guard line.count >= 2, line.dropFirst().first == ":" else { continue }
            let value = String(line.dropFirst(2))
            switch line.first {
            case "P": name = value
            case "V": version = value
            case "A": architecture = value
            default: break
            }
        }
        flush()
        return packages
    }
}
