/// The one interpreter call of a snapshot: learns version, prefixes and
/// `sys.path`. The script imports nothing that searches `sys.path` (`sys`
/// is built in and `site` is already loaded), so no project module can run.
struct PythonInterpreterProbe {
    struct Facts: Equatable {
        var executable: String
        var version: String
        var build: String
        var implementation: String
        var platform: String
        var prefix: String
        var basePrefix: String
        var sysPath: [String]
        var sitePackages: [String]
        var userSite: String?
    }

    enum Failure: Error, CustomStringConvertible {
        case exited(status: Int32, message: String)
        case unreadable

        var description: String {
            switch self {
            case let .exited(status, message): "the interpreter exited with status \(status): \(message)"
            case .unreadable: "the interpreter's answer could not be read"
            }
        }
    }

    static let script = """
    import sys
    P=list(sys.path)
    sys.path[:]=[p for p in P if p]
    import site
    v=sys.version_info
    l={"alpha":"a","beta":"b","candidate":"rc"}
    r=["executable",sys.executable or "","version","%d.%d.%d"%(v[0],v[1],v[2])+("" if v[3]=="final" else l.get(v[3],v[3])+str(v[4])),"build",sys.version,"implementation",sys.implementation.name,"platform",sys.platform,"prefix",sys.prefix,"base_prefix",getattr(sys,"base_prefix",sys.prefix)]
    for p in (P[1:] if P[:1]==[""] else P):r+=["path",p]
    for p in getattr(site,"getsitepackages",lambda:[])():r+=["site",p]
    if getattr(site,"ENABLE_USER_SITE",False):r+=["usersite",site.getusersitepackages()]
    sys.stdout.buffer.write("\\0".join(r).encode("utf-8","surrogateescape"))
    """

    let context: SnapshotContext
    let timeout: Double

    func run(_ executable: String) throws -> Facts {
        let output = try context.processRunner.run(executable, ["-c", Self.script], timeout: timeout, currentDirectory: context.workingDirectory)
        guard output.exitStatus == 0 else { throw Failure.exited(status: output.exitStatus, message: output.stderrSummary) }
        guard let facts = Self.parse(output.stdout.map { $0 }) else { throw Failure.unreadable }
        return facts
    }

    /// Parses the NUL-separated key/value list the script prints.
    static func parse(_ bytes: [UInt8]) -> Facts? {
        let fields = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count >= 2, fields.count % 2 == 0 else { return nil }
        var single: [String: String] = [:]
        var paths: [String] = []
        var sites: [String] = []
        var stride = 0
        while stride < fields.count {
            let key = fields[stride], value = fields[stride + 1]
            switch key {
            case "path": paths.append(value)
            case "site": sites.append(value)
            default: single[key] = value
            }
            stride += 2
        }
        guard let executable = single["executable"], let version = single["version"], let prefix = single["prefix"] else {
            return nil
        }
        return Facts(
            executable: executable, version: version, build: single["build"] ?? "",
            implementation: single["implementation"] ?? "", platform: single["platform"] ?? "",
            prefix: prefix, basePrefix: single["base_prefix"] ?? prefix,
            sysPath: paths, sitePackages: sites, userSite: single["usersite"]
        )
    }
}
