import Foundation
import MLAuditCore
import MLAuditParsers

/// The exact pins a requirements file gets from the files it includes, followed
/// recursively: constraints files (`-c`) and requirements files (`-r`). pip installs
/// everything reached this way in one resolution and intersects the specifiers of
/// a name, so `torch` beside `-c constraints.txt` holding `torch==2.4.1` installs
/// exactly 2.4.1. Included files are read from disk, never outside the project
/// root; URLs and `${VAR}` paths are not followed.
struct RequirementIncludes {
    /// Normalised name → the exact version an included file pins it to.
    var pinned: [String: String] = [:]

    static let maxDepth = 16

    static func resolve(for file: FileContext, _ parsed: RequirementsFile) -> RequirementIncludes {
        var result = RequirementIncludes()
        var visited: Set<String> = [file.relativePath]
        result.follow(parsed, from: file.relativePath, isRoot: true, project: file.project, visited: &visited, depth: 0)
        return result
    }

    private mutating func follow(_ parsed: RequirementsFile, from path: String, isRoot: Bool,
                                 project: ProjectIndex, visited: inout Set<String>, depth: Int) {
        for entry in parsed.entries where !isRoot {
            guard let name = entry.spec.normalizedName, let version = entry.spec.exactVersion else { continue }
            if pinned[name] == nil { pinned[name] = version }
        }
        guard depth < Self.maxDepth else { return }
        for include in parsed.includes {
            guard let value = include.value, let target = Self.resolve(value, from: path), !visited.contains(target) else { continue }
            visited.insert(target)
            guard let included = Self.read(target, project: project) else { continue }
            follow(included, from: target, isRoot: false, project: project, visited: &visited, depth: depth + 1)
        }
    }

    /// The root-relative path of an include written in the file at `from`; nil for
    /// URLs, absolute paths, `${VAR}` and paths leaving the root.
    static func resolve(_ value: String, from: String) -> String? {
        if value.contains("://") || value.hasPrefix("/") || value.hasPrefix("~") || value.contains("${") || value.hasPrefix("file:") {
            return nil
        }
        var parts = RelativePath.directory(of: from).split(separator: "/").map(String.init)
        for component in value.replacingOccurrences(of: "\\", with: "/").split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default:
                parts.append(String(component))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    static func read(_ relativePath: String, project: ProjectIndex) -> RequirementsFile? {
        // With its links resolved, the include must still be inside the root: `-r
        // inc.txt` where inc.txt links to /etc/passwd or /proc/self/environ is not read.
        let path = project.root.appendingPathComponent(relativePath).path
        guard let inside = ContainedPath.resolve(path, inside: project.root.path),
              let bytes = try? FileReader.read(path: inside, limit: 10 * 1024 * 1024) else { return nil }
        return RequirementsFile.parse(bytes: bytes)
    }

    /// Exact versions pinned by the other requirements files in the same directory
    /// (e.g. a compiled requirements.txt beside requirements-dev.txt).
    static func siblingPins(of file: FileContext) -> [String: String] {
        var pins: [String: String] = [:]
        for sibling in file.project.siblings(of: file.relativePath)
        where sibling.relativePath != file.relativePath && sibling.kind == .requirements {
            guard let parsed = read(sibling.relativePath, project: file.project) else { continue }
            for entry in parsed.entries {
                if let name = entry.spec.normalizedName, let version = entry.spec.exactVersion, pins[name] == nil {
                    pins[name] = version
                }
            }
        }
        return pins
    }
}
