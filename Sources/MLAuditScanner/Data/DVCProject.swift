import Foundation
import MLAuditCore
import Yams

/// One output DVC tracks: from a `.dvc` file (`dvc add`, `dvc import`), a `dvc.yaml`
/// stage, or `dvc.lock`.
struct DVCOutput: Sendable {
    enum Origin: Sendable, Equatable {
        /// A `.dvc` file; `imported` when it has `deps` (`dvc import`, `dvc import-url`), which say where it comes from.
        case dvcFile(imported: Bool)
        case stage
        case lock
    }

    /// Root-relative, normalised.
    var path: String
    /// The declaring file, root-relative.
    var declaredIn: String
    var origin: Origin
    /// Line of the output's `path` in the declaring file.
    var line: Int
    /// The recorded MD5 and its line; a directory output's hash ends in `.dir`.
    var md5: String?
    var md5Line: Int?
    /// A `remote:` field on the output.
    var remote: String?

    var isDirectoryHash: Bool { md5?.hasSuffix(".dir") ?? false }
}

/// What DVC files of a project declare.
struct DVCProject: Sendable {
    private(set) var outputs: [DVCOutput] = []
    /// `core.remote` of the committed `.dvc/config`.
    private(set) var defaultRemote: String?
    private(set) var diagnostics: [Diagnostic] = []

    var isEmpty: Bool { outputs.isEmpty }

    static func load(index: ProjectIndex, configuration: Configuration) -> DVCProject {
        var project = DVCProject()
        project.defaultRemote = Self.defaultRemote(root: index.root)
        for file in index.files {
            let name = RelativePath.name(of: file.relativePath)
            let origin: DVCOutput.Origin?
            if name.hasSuffix(".dvc"), name != ".dvc" {
                origin = .dvcFile(imported: false)
            } else if name == "dvc.yaml" {
                origin = .stage
            } else if name == "dvc.lock" {
                origin = .lock
            } else {
                origin = nil
            }
            guard let origin else { continue }
            // Bounded like any file of the tree, and composed with the alias and depth limits.
            let limit = configuration.readLimit(for: file.kind).bytes
            guard let data = try? BoundedFile.read(path: file.absolutePath, limit: limit) else {
                project.diagnostics.append(Diagnostic(kind: .unreadable, path: file.displayPath, message: "cannot read DVC file"))
                continue
            }
            let node: Node?
            do {
                node = try YAMLGuard.compose(String(decoding: data, as: UTF8.self), limits: configuration.limits)
            } catch let error as YAMLGuard.LimitExceeded {
                project.diagnostics.append(Diagnostic(kind: .parseError, path: file.displayPath, line: error.line, message: "YAML not read: \(error.reason)"))
                continue
            } catch let error as YamlError {
                project.diagnostics.append(Diagnostic(kind: .parseError, path: file.displayPath, line: YAMLErrorLocation.line(of: error),
                                                      message: "invalid YAML: \(YAMLErrorLocation.reason(of: error))"))
                continue
            } catch {
                project.diagnostics.append(Diagnostic(kind: .parseError, path: file.displayPath, message: "invalid YAML: \(error)"))
                continue
            }
            guard let node else { continue }
            let dir = RelativePath.directory(of: file.relativePath)
            switch origin {
            case .dvcFile:
                project.readDVCFile(node, dir: dir, file: file)
            case .stage:
                project.readPipeline(node, dir: dir, file: file)
            case .lock:
                project.readLock(node, dir: dir, file: file)
            }
        }
        return project
    }

    // MARK: Readers

    private mutating func readDVCFile(_ node: Node, dir: String, file: DiscoveredFile) {
        let base = DataPath.join(dir, node["wdir"]?.string ?? "")
        let imported = !(node["deps"]?.sequence?.isEmpty ?? true)
        for out in node["outs"]?.sequence ?? [] {
            guard let pathNode = out["path"], let path = pathNode.string, let resolved = DataPath.resolve(path, in: base) else { continue }
            let md5Node = out["md5"] ?? out["checksum"]
            outputs.append(DVCOutput(path: resolved, declaredIn: file.relativePath, origin: .dvcFile(imported: imported),
                                     line: pathNode.line, md5: md5Node?.string?.lowercased(), md5Line: md5Node?.line,
                                     remote: out["remote"]?.string))
        }
    }

    private mutating func readPipeline(_ node: Node, dir: String, file: DiscoveredFile) {
        for (_, stage) in node["stages"]?.mapping ?? [:] {
            // Templated stages (`foreach`/`matrix`) name their outputs with `${…}`; they are not expanded.
            if stage["foreach"] != nil || stage["matrix"] != nil { continue }
            let base = DataPath.join(dir, stage["wdir"]?.string ?? "")
            for key in ["outs", "metrics", "plots"] {
                for out in stage[key]?.sequence ?? [] {
                    let pathNode: Node?
                    if out.scalar != nil {
                        pathNode = out
                    } else {
                        pathNode = out.mapping?.first?.key
                    }
                    guard let pathNode, let path = pathNode.string, !path.contains("${"),
                          let resolved = DataPath.resolve(path, in: base) else { continue }
                    outputs.append(DVCOutput(path: resolved, declaredIn: file.relativePath, origin: .stage, line: pathNode.line))
                }
            }
        }
    }

    private mutating func readLock(_ node: Node, dir: String, file: DiscoveredFile) {
        let stages = node["stages"]?.mapping ?? (node["schema"] == nil ? node.mapping : nil) ?? [:]
        for (_, stage) in stages {
            for out in stage["outs"]?.sequence ?? [] {
                guard let pathNode = out["path"], let path = pathNode.string, let resolved = DataPath.resolve(path, in: dir) else { continue }
                let md5Node = out["md5"]
                outputs.append(DVCOutput(path: resolved, declaredIn: file.relativePath, origin: .lock, line: pathNode.line,
                                         md5: md5Node?.string?.lowercased(), md5Line: md5Node?.line))
            }
        }
    }

    /// `remote = name` in the `[core]` section of the committed `.dvc/config` of the root
    /// or of the nearest ancestor with one (`.dvc/config.local` is private to a machine).
    static func defaultRemote(root: URL) -> String? {
        var dir = root.standardizedFileURL
        while true {
            if let text = BoundedFile.text(path: dir.appendingPathComponent(".dvc/config").path) {
                return coreRemote(text)
            }
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(".git").path) { return nil }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    static func coreRemote(_ config: String) -> String? {
        var inCore = false
        for raw in config.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inCore = line.filter { !$0.isWhitespace } == "[core]"
                continue
            }
            guard inCore, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if key == "remote", !value.isEmpty { return value }
        }
        return nil
    }

    // MARK: Queries

    /// The output that tracks a root-relative path: the output itself, or a directory output above it.
    func output(covering path: String) -> DVCOutput? {
        outputs.first { $0.path == path || path.hasPrefix($0.path + "/") }
    }

    /// Whether a directory is tracked, wholly or in part (an output inside it).
    func touchesDirectory(_ path: String) -> Bool {
        outputs.contains { $0.path == path || path.hasPrefix($0.path + "/") || $0.path.hasPrefix(path + "/") }
    }
}
