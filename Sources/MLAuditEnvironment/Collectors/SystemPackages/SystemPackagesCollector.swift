/// Collects the `system_packages` section from the package databases present
/// (dpkg, apk); an rpm database is noted but not read, since it is binary.
struct SystemPackagesCollector {
    let context: SnapshotContext

    func collect() -> Section<SystemPackages> {
        var managers: [String: PackageDatabase] = [:]
        if let dpkg = read(context.dpkgStatusPath, parse: DpkgStatusParser.parse) {
            managers["dpkg"] = dpkg
        }
        if let apk = read(context.apkInstalledPath, parse: { ApkDatabaseParser.parse(String(decoding: $0, as: UTF8.self)) }) {
            managers["apk"] = apk
        }
        if let rpm = context.rpmDatabasePaths.first(where: { FileSystem.isDirectory($0) }) {
            managers["rpm"] = PackageDatabase(
                status: .skipped, reason: "the rpm database is binary (Berkeley DB/SQLite) and is not read",
                source: rpm, packages: []
            )
        }
        if managers.isEmpty {
            return .unavailable("no dpkg, apk or rpm package database found")
        }
        return .ok(SystemPackages(managers: managers))
    }

    private func read(_ path: String, parse: ([UInt8]) -> [SystemPackage]) -> PackageDatabase? {
        do {
            let bytes = try FileSystem.readBytes(path)
            let packages = parse(bytes).sorted {
                ($0.name, $0.architecture ?? "", $0.version) < ($1.name, $1.architecture ?? "", $1.version)
            }
            return PackageDatabase(status: .ok, reason: nil, source: path, packages: packages)
        } catch let error as FileSystemError where error.isNotFound {
            return nil
        } catch {
            return PackageDatabase(status: .failed, reason: "\(error)", source: path, packages: [])
        }
    }
}
