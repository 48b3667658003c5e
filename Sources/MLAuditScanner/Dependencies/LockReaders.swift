import Foundation
import MLAuditCore
import MLAuditParsers
import TOMLKit
import Yams

/// Reads the lock files of the model: uv.lock, poetry.lock, pdm.lock and PEP 751
/// pylock files (TOML `[[package]]`/`[[packages]]` tables), Pipfile.lock (JSON),
/// conda-lock.yml, and compiled requirements files (pip-compile, uv pip compile).
enum LockReader {
    static func kind(ofName name: String, fileKind: FileKind) -> DependencyLock.Kind? {
        switch fileKind {
        case .uvLock: return .uv
        case .poetryLock: return .poetry
        case .pdmLock: return .pdm
        case .pylock: return .pylock
        case .pipfileLock: return .pipfile
        case .condaLock: return .condaLock
        default: return nil
        }
    }

    static func read(_ file: FileContext) -> DependencyLock? {
        guard let kind = kind(ofName: RelativePath.name(of: file.relativePath), fileKind: file.kind) else { return nil }
        var lock = DependencyLock(path: file.relativePath, kind: kind)
        switch kind {
        case .uv, .poetry, .pdm, .pylock:
            guard let toml = file.tomlTable else { return nil }
            let tableName = kind == .pylock ? "packages" : "package"
            for element in toml[tableName]?.array ?? [] {
                guard let package = element.table, let name = package["name"]?.string else { continue }
                lock.add(name, version: package["version"]?.string)
            }
            for member in toml["manifest"]?.table?["members"]?.array ?? [] {
                if let name = member.string { lock.members.insert(RequirementSpec.normalize(name: name)) }
            }
        case .pipfile:
            guard let object = (try? JSONSerialization.jsonObject(with: Data(file.bytes))) as? [String: Any] else {
                do throws(JSONError) {
                    _ = try JSONScanner.parse(file.bytes)
                    file.diagnose("invalid JSON: Pipfile.lock must be a JSON object")
                } catch {
                    let position = file.position(ofByte: error.offset)
                    file.diagnose(line: position.line, column: position.column, "invalid JSON: \(error.message)")
                }
                return nil
            }
            for (section, value) in object where section != "_meta" {
                guard let packages = value as? [String: Any] else { continue }
                for (name, entry) in packages {
                    let version = (entry as? [String: Any])?["version"] as? String
                    lock.add(name, version: version.map { $0.hasPrefix("==") ? String($0.dropFirst(2)) : $0 })
                }
            }
        case .condaLock:
            guard let root = file.yamlNode else { return nil }
            for entry in root["package"]?.sequence ?? [] {
                guard let name = entry["name"]?.string else { continue }
                let version = entry["version"]?.string
                if entry["manager"]?.string == "pip" {
                    lock.add(name, version: version)
                } else {
                    lock.add(name, version: version, conda: true)
                }
            }
        case .compiledRequirements:
            return nil
        }
        return lock
    }

    /// A requirements file read as the output of compiling a `.in` file.
    static func compiled(_ file: FileContext) -> DependencyLock {
        var lock = DependencyLock(path: file.relativePath, kind: .compiledRequirements)
        for entry in file.requirementsFile.entries {
            guard let name = entry.spec.name else { continue }
            lock.add(name, version: entry.spec.exactVersion)
        }
        return lock
    }
}
