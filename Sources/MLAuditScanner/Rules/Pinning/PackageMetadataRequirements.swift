import Foundation
import MLAuditCore
import MLAuditParsers

/// Whether a requirements file is the dependency list of a package: a `setup.py` beside
/// it names the file in a string literal and passes something to `install_requires`, or
/// the `pyproject.toml` beside it reads it as `dependencies = {file = [...]}`. Such a file
/// is package metadata, whose ranges let the package install beside other packages;
/// pinning it would break every environment that installs the package.
enum PackageMetadataRequirements {
    static func isPackageMetadata(_ file: FileContext) -> Bool {
        let name = RelativePath.name(of: file.relativePath)
        let directory = RelativePath.directory(of: file.relativePath)
        for manifest in ["setup.py", "pyproject.toml"] {
            let path = directory.isEmpty ? manifest : directory + "/" + manifest
            guard file.project.file(at: path) != nil, let bytes = read(path, project: file.project) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            let quoted = ["\"\(name)\"", "'\(name)'", "/\(name)\"", "/\(name)'"]
            guard quoted.contains(where: { text.contains($0) }) else { continue }
            if manifest == "setup.py" ? text.contains("install_requires") : text.contains("dependencies") && text.contains("file") {
                return true
            }
        }
        return false
    }

    static func read(_ relativePath: String, project: ProjectIndex) -> [UInt8]? {
        let path = project.root.appendingPathComponent(relativePath).path
        guard let inside = ContainedPath.resolve(path, inside: project.root.path) else { return nil }
        return try? FileReader.read(path: inside, limit: 4 * 1024 * 1024)
    }
}
