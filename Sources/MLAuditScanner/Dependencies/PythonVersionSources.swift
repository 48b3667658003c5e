import MLAuditCore
import MLAuditParsers

/// Where a project declares its interpreter version (DEC003), and the lowest Python
/// 3 minor version it admits (the standard library DEC001 checks against).
struct PythonVersionDeclaration {
    var text: String
    var path: String
}

enum PythonVersionSources {
    static func declarations(_ project: ProjectContext, _ deps: ProjectDependencies) -> [PythonVersionDeclaration] {
        var found: [PythonVersionDeclaration] = []
        for manifest in deps.manifests {
            if let version = manifest.pythonVersion { found.append(.init(text: version.text, path: manifest.path)) }
        }
        for file in project.index.files {
            let name = RelativePath.name(of: file.relativePath)
            switch name {
            case ".python-version", "runtime.txt", ".tool-versions":
                let context = project.fileContext(for: file)
                for line in context.text.split(whereSeparator: \.isNewline) {
                    let text = String(line).trimmingINIBlanks()
                    if text.isEmpty || text.hasPrefix("#") { continue }
                    if name == ".python-version" {
                        found.append(.init(text: text, path: file.relativePath))
                    } else if name == "runtime.txt", text.hasPrefix("python-") {
                        found.append(.init(text: String(text.dropFirst(7)), path: file.relativePath))
                    } else if name == "runtime.txt", Self.isBareVersion(text) {
                        // Netlify's runtime.txt holds the bare version (`3.8`).
                        found.append(.init(text: text, path: file.relativePath))
                    } else if name == ".tool-versions" {
                        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
                        if parts.count >= 2, parts[0] == "python" { found.append(.init(text: String(parts[1]), path: file.relativePath)) }
                    }
                    if name != ".tool-versions" { break }
                }
            default:
                if file.kind == .dockerfile, let dockerfile = project.fileContext(for: file).dockerfile {
                    for stage in dockerfile.stages {
                        if let version = dockerPythonVersion(stage.resolvedImage) { found.append(.init(text: version, path: file.relativePath)) }
                    }
                }
            }
        }
        return found
    }

    /// `3.8`, `3.11.4`: digits and dots, starting with a major and a minor.
    static func isBareVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    /// `python:3.11-slim` → `3.11`; nil for `python:3`, `python:latest`, other images.
    static func dockerPythonVersion(_ image: String) -> String? {
        var reference = Substring(image)
        if let at = reference.firstIndex(of: "@") { reference = reference[..<at] }
        guard let colon = reference.lastIndex(of: ":") else { return nil }
        let repository = reference[..<colon]
        guard repository.split(separator: "/").last == "python" else { return nil }
        let tag = reference[reference.index(after: colon)...]
        let version = tag.prefix { $0.isNumber || $0 == "." }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return String(version)
    }

    /// The lowest minor version any declaration admits; nil when none is known.
    static func lowestMinor(_ declarations: [PythonVersionDeclaration]) -> Int? {
        declarations.compactMap { StandardLibrary.lowestMinor($0.text) }.min()
    }
}
