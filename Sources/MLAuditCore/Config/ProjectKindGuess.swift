import Foundation
import TOMLKit

/// The `project-kind` a new configuration starts with, and why (`reason` completes "guessed library: …").
public struct ProjectKindGuess: Sendable, Equatable {
    public var kind: ProjectKind
    public var reason: String

    public init(kind: ProjectKind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// A library is a pyproject.toml with `[project]` and `[build-system]` whose import
    /// package exists (`name/` or `src/name/` with an `__init__.py`, or any package under
    /// `src/`); anything else is an application, which is the stricter choice.
    public static func guess(pyproject: TOMLTable?, in directory: URL) -> ProjectKindGuess {
        guard let pyproject else { return application("pyproject.toml is missing or does not parse") }
        guard let project = pyproject["project"]?.table else { return application("pyproject.toml has no [project] table") }
        guard pyproject["build-system"]?.table != nil else { return application("pyproject.toml has no [build-system]") }
        guard let package = packageDirectory(named: project["name"]?.string, in: directory) else {
            return application("no package directory with an __init__.py was found")
        }
        return ProjectKindGuess(kind: .library, reason: "pyproject.toml builds the package in \(package)/")
    }

    private static func application(_ because: String) -> ProjectKindGuess {
        ProjectKindGuess(kind: .application, reason: because)
    }

    private static func packageDirectory(named name: String?, in directory: URL) -> String? {
        let files = FileManager.default
        func isPackage(_ path: String) -> Bool {
            files.fileExists(atPath: directory.appendingPathComponent(path).appendingPathComponent("__init__.py").path)
        }
        if let name {
            let module = importName(name)
            for candidate in [module, "src/" + module] where isPackage(candidate) { return candidate }
        }
        let underSrc = (try? files.contentsOfDirectory(atPath: directory.appendingPathComponent("src").path)) ?? []
        return underSrc.sorted().map { "src/" + $0 }.first(where: isPackage)
    }

    /// The import name a distribution name usually maps to: lower case, runs of `-`, `_`, `.` as one `_`.
    static func importName(_ distribution: String) -> String {
        var result = ""
        var lastWasSeparator = false
        for character in distribution.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !lastWasSeparator { result.append("_") }
                lastWasSeparator = true
            } else {
                result.append(character)
                lastWasSeparator = false
            }
        }
        return result
    }
}
