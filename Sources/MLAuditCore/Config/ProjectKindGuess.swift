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
    /// Without `[project]`, a `setup.py` that names the distribution and lists its
    /// packages (`packages=`, `py_modules=`) makes a library as well.
    public static func guess(pyproject: TOMLTable?, in directory: URL) -> ProjectKindGuess {
        guard let pyproject else {
            return setupPyGuess(in: directory) ?? application("pyproject.toml is missing or does not parse")
        }
        guard let project = pyproject["project"]?.table else {
            return setupPyGuess(in: directory) ?? application("pyproject.toml has no [project] table")
        }
        guard pyproject["build-system"]?.table != nil else { return application("pyproject.toml has no [build-system]") }
        guard let package = packageDirectory(named: project["name"]?.string, in: directory) else {
            return application("no package directory with an __init__.py was found")
        }
        return ProjectKindGuess(kind: .library, reason: "pyproject.toml builds the package in \(package)/")
    }

    private static func setupPyGuess(in directory: URL) -> ProjectKindGuess? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("setup.py").path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        func has(_ keyword: String) -> Bool {
            text.range(of: keyword + "=") != nil || text.range(of: keyword + " =") != nil
        }
        guard text.contains("setup("), has("name"), has("packages") || has("py_modules") else { return nil }
        return ProjectKindGuess(kind: .library, reason: "setup.py names the distribution and lists its packages")
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
            // A part of the name: `whisper/` for openai-whisper.
            for part in module.split(separator: "_").map(String.init) where part.count >= 3 && part != module {
                for candidate in [part, "src/" + part] where isPackage(candidate) { return candidate }
            }
            // One level down: `pkg/llms_from_scratch/`, `python/mylib/`.
            let top = (try? files.contentsOfDirectory(atPath: directory.path)) ?? []
            for folder in top.sorted() where !folder.hasPrefix(".") && isPackage(folder + "/" + module) { return folder + "/" + module }
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
