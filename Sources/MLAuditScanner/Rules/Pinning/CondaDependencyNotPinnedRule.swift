import Foundation
import MLAuditCore
import MLAuditParsers

/// PIN003: a conda environment file's dependency (or entry of its `pip:` list)
/// without an exact version, unless a conda lock file (known by its content) sits in the same directory.
/// `python` itself is left to the interpreter-version checks.
struct CondaDependencyNotPinnedRule: FileRule {
    let ruleIDs = ["PIN003"]

    func applies(to kind: FileKind) -> Bool { kind == .condaEnvironment }

    func check(_ file: FileContext) {
        let env = file.condaEnvironment
        guard !env.dependencies.isEmpty || !env.pip.entries.isEmpty, !Self.hasLock(file) else { return }
        for dep in env.dependencies {
            guard let spec = CondaMatchSpec.parse(Substring(dep.text)), spec.name.lowercased() != "python", !spec.isPinned else { continue }
            file.report("PIN003", line: dep.line, column: dep.column, message: Self.message(spec, written: dep.text))
        }
        for entry in env.pip.entries where entry.spec.form == .named && !entry.spec.isExactPin {
            let written = (entry.spec.name ?? entry.text) + entry.spec.specifierText
            file.report("PIN003", line: entry.line, column: entry.column,
                        message: "\(written) in the pip section is not pinned to an exact version: pin it with ==VERSION, or commit a conda-lock file")
        }
    }

    static func message(_ spec: CondaMatchSpec, written: String) -> String {
        let text = written.trimmingINIBlanks()
        switch spec.pinning {
        case .unversioned:
            return "\(text) has no version: pin it (\(spec.name)=X.Y.Z or \(spec.name)==X.Y.Z), or commit a conda-lock file"
        case .prefix(let version):
            return "\(text) matches any \(version).* version: pin the full version (\(spec.name)==\(version).N), or commit a conda-lock file"
        case .range, .exact:
            return "\(text) is not an exact version: pin it (\(spec.name)==X.Y.Z), or commit a conda-lock file"
        }
    }

    /// A conda lock is known by its content, not its name: an explicit spec file
    /// (`conda list --explicit`, `conda-lock --kind explicit`) has an `@EXPLICIT` line,
    /// conda-lock's unified YAML has top-level `metadata:` and `package:` keys. A pip,
    /// rye or poetry `*.lock` beside the environment does not lock conda packages.
    static func isCondaLock(content: [UInt8]) -> Bool {
        let text = String(decoding: content.prefix(64 * 1024), as: UTF8.self)
        var sawMetadata = false
        var sawPackage = false
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = String(line).trimmingINIBlanks()
            if trimmed == "@EXPLICIT" { return true }
            if line.hasPrefix("metadata:") { sawMetadata = true }
            if line.hasPrefix("package:") { sawPackage = true }
        }
        return sawMetadata && sawPackage
    }

    /// Files that may hold a conda lock, by name: text, YAML and `.lock` files.
    static func mayBeCondaLock(name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".lock") || lower.hasSuffix(".txt") || lower.hasSuffix(".yml") || lower.hasSuffix(".yaml")
    }

    /// Relative paths of the conda locks in a directory.
    static func condaLocks(in dir: String, project: ProjectContext) -> [String] {
        let names = LockLocations.names(in: dir, project: project)
        return names.filter { name in
            guard mayBeCondaLock(name: name) else { return false }
            let path = RelativePath.join(dir, name)
            let url = project.index.root.appendingPathComponent(path)
            return isCondaLockFile(at: url.path)
        }.map { RelativePath.join(dir, $0) }
    }

    static func isCondaLockFile(at path: String) -> Bool {
        // The start is enough to tell; a conda-lock file of many platforms can be large.
        guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular,
              let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 64 * 1024) else { return false }
        return isCondaLock(content: [UInt8](data))
    }

    static func hasLock(_ file: FileContext) -> Bool {
        let dir = RelativePath.directory(of: file.relativePath)
        var names = file.project.siblings(of: file.relativePath).map { RelativePath.name(of: $0.relativePath) }
        if !file.project.isComplete {
            // Only some files were named on the command line: look at the directory itself.
            let url = dir.isEmpty ? file.project.root : file.project.root.appendingPathComponent(dir)
            names += (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        }
        let own = RelativePath.name(of: file.relativePath)
        return names.contains { name in
            name != own && mayBeCondaLock(name: name)
                && isCondaLockFile(at: file.project.root.appendingPathComponent(RelativePath.join(dir, name)).path)
        }
    }
}
