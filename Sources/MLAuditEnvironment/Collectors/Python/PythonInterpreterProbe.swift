/// The one interpreter call of a snapshot: learns version, prefixes and
/// `sys.path`.
///
/// The interpreter runs with `-S`, and the script then does what `site`
/// would do to `sys.prefix` and `sys.path` — a virtual environment's
/// `pyvenv.cfg` (prefix, `include-system-site-packages`), the user site, the
/// site directories, and the path lines of their `.pth` files — without
/// executing `.pth` import lines or `sitecustomize`. Third-party start-up
/// code therefore never runs (it also dominates start-up time: one such
/// `.pth` costs 40 ms on the development machine). `sys` is built in; `os`
/// and `site` are imported after the empty (current directory) entry has
/// been removed from `sys.path`.
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

    static let arguments = ["-S", "-c", script]

    static let script = #"""
    import sys
    sys.path[:]=[p for p in sys.path if p]
    import os,site
    K=set(os.path.normcase(os.path.abspath(p)) for p in sys.path)
    S=[]
    def add(d):
        k=os.path.normcase(d)
        if k not in K:
            K.add(k);sys.path.append(d)
    def sd(d):
        d=os.path.abspath(d)
        if not os.path.isdir(d):return
        S.append(d);add(d)
        try:n=sorted(x for x in os.listdir(d) if x.endswith(".pth") and not x.startswith("."))
        except OSError:return
        for x in n:
            try:
                with open(os.path.join(d,x),"rb") as f:t=f.read().decode("utf-8","replace")
            except OSError:continue
            for l in t.splitlines():
                if not l.strip() or l.startswith("#") or l.startswith(("import ","import	")):continue
                q=os.path.abspath(os.path.join(d,l.rstrip()))
                if os.path.exists(q):add(q)
    v=sys.version_info
    pre=list(site.PREFIXES);u=site.check_enableusersite()
    e=os.path.dirname(os.path.abspath(sys.executable))
    c=[x for x in (os.path.join(e,"pyvenv.cfg"),os.path.join(os.path.dirname(e),"pyvenv.cfg")) if os.path.isfile(x)]
    if c:
        y="true"
        with open(c[0],encoding="utf-8",errors="replace") as f:
            for l in f:
                a,b,z=l.partition("=")
                if b and a.strip().lower()=="include-system-site-packages":y=z.strip().lower()
        sys.prefix=sys.exec_prefix=os.path.dirname(e)
        for d in site.getsitepackages([sys.prefix]):sd(d)
        if y=="true":pre.insert(0,sys.prefix)
        else:pre=[sys.prefix];u=False
    if u:sd(site.getusersitepackages())
    for d in site.getsitepackages(pre):sd(d)
    L={"alpha":"a","beta":"b","candidate":"rc"}
    r=["executable",sys.executable or "","version","%d.%d.%d"%(v[0],v[1],v[2])+("" if v[3]=="final" else L.get(v[3],v[3])+str(v[4])),"build",sys.version,"implementation",sys.implementation.name,"platform",sys.platform,"prefix",sys.prefix,"base_prefix",getattr(sys,"base_prefix",sys.prefix)]
    for p in sys.path:r+=["path",p]
    for p in S:r+=["site",p]
    if u:r+=["usersite",site.getusersitepackages()]
    sys.stdout.buffer.write("\0".join(r).encode("utf-8","surrogateescape"))
    """#

    let context: SnapshotContext
    let timeout: Double

    func run(_ executable: String) throws -> Facts {
        let output = try context.processRunner.run(executable, Self.arguments, timeout: timeout, currentDirectory: context.workingDirectory)
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
