import MLAuditCore
/// Collects the `conda` section from `$CONDA_PREFIX/conda-meta/*.json`.
struct CondaCollector {
    let context: SnapshotContext

    func collect() -> Section<CondaEnvironment> {
        guard let prefix = context.environment["CONDA_PREFIX"], !prefix.isEmpty else {
            return .unavailable("not in a conda environment (CONDA_PREFIX is not set)")
        }
        let metaDirectory = Path.join(prefix, "conda-meta")
        let entries: [FileSystem.Entry]
        do {
            entries = try FileSystem.list(metaDirectory)
        } catch let error as FileSystemError where error.isNotFound {
            return .unavailable("\(prefix) has no conda-meta directory")
        } catch {
            return .failed("\(error)")
        }
        var packages: [CondaPackage] = []
        var warnings: [String] = []
        for entry in entries where entry.name.hasSuffix(".json") {
            let path = Path.join(metaDirectory, entry.name)
            do {
                packages.append(try Self.package(at: path, fileName: entry.name))
            } catch {
                warnings.append("\(error)")
            }
        }
        packages.sort { ($0.name, $0.version, $0.build) < ($1.name, $1.version, $1.build) }
        let name = context.environment["CONDA_DEFAULT_ENV"].flatMap { $0.isEmpty ? nil : $0 } ?? Path.lastComponent(prefix)
        return .ok(CondaEnvironment(prefix: prefix, name: name, packages: packages), warnings: warnings)
    }

    static func package(at path: String, fileName: String) throws -> CondaPackage {
        let bytes = try FileSystem.readBytes(path)
        let fields = JSONTopLevelScanner.strings(in: bytes, keys: ["name", "version", "build", "build_string", "channel", "subdir"])
        // `<name>-<version>-<build>.json`: version and build never contain '-'.
        let parts = fileName.dropLast(".json".count).split(separator: "-")
        let fromName = parts.count >= 3
            ? (parts.dropLast(2).joined(separator: "-"), String(parts[parts.count - 2]), String(parts[parts.count - 1]))
            : nil
        guard let name = fields?["name"] ?? fromName?.0, let version = fields?["version"] ?? fromName?.1 else {
            throw CondaError.unreadable(path)
        }
        return CondaPackage(
            name: name, version: version, build: fields?["build"] ?? fields?["build_string"] ?? fromName?.2 ?? "",
            channel: fields?["channel"].map(Redaction.stripURLCredentials), subdir: fields?["subdir"]
        )
    }
}

enum CondaError: Error, CustomStringConvertible {
    case unreadable(String)

    var description: String {
        switch self {
        case let .unreadable(path): "\(path): not a conda package record"
        }
    }
}
