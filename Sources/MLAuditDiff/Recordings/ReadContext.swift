import MLAuditParsers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a lock's platform-specific parts are resolved against: the machine
/// `mlaudit diff` runs on, and the other recording's interpreter when known.
public struct ReadContext: Sendable {
    /// conda's platform name (`linux-64`).
    public var condaSubdir: String
    /// The interpreter markers are evaluated for, when known.
    public var pythonVersion: String?
    public var markerEnvironment: MarkerEnvironment

    public init(condaSubdir: String, pythonVersion: String?, markerEnvironment: MarkerEnvironment) {
        self.condaSubdir = condaSubdir
        self.pythonVersion = pythonVersion
        self.markerEnvironment = markerEnvironment
    }

    /// The machine this process runs on.
    public static func host(pythonVersion: String? = nil) -> ReadContext {
        var system = "Linux", machine = "x86_64"
        var name = utsname()
        if uname(&name) == 0 {
            system = withUnsafeBytes(of: &name.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            machine = withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let platform: MarkerEnvironment.Platform = system == "Darwin" ? .macOS : system == "Linux" ? .linux : .windows
        var environment = MarkerEnvironment.cpython(pythonVersion ?? "3", platform: platform, machine: machine)
        environment.platformSystem = system
        let arch = Architecture.normalized(machine)
        let os = system == "Darwin" ? "osx" : system == "Linux" ? "linux" : "win"
        let subdir = arch == "x86_64" ? "\(os)-64" : os == "osx" && arch == "aarch64" ? "osx-arm64" : "\(os)-\(arch)"
        return ReadContext(condaSubdir: subdir, pythonVersion: pythonVersion, markerEnvironment: environment)
    }
}

extension ReadContext {
    /// The platform and Python `other` recorded, where it says; this machine's otherwise.
    /// A lock or requirements file is compared as it would install there.
    public static func matching(_ other: EnvironmentRecording) -> ReadContext {
        var context = host(pythonVersion: other.interpreter?.version)
        guard let platform = other.platform else { return context }
        let system = platform.system ?? context.markerEnvironment.platformSystem
        let machine = platform.architecture ?? context.markerEnvironment.platformMachine
        let kind: MarkerEnvironment.Platform = system == "Darwin" ? .macOS : system == "Windows" ? .windows : .linux
        var environment = MarkerEnvironment.cpython(other.interpreter?.version ?? "3", platform: kind, machine: machine)
        environment.platformSystem = system
        if let implementation = other.interpreter?.implementation, implementation != "cpython" {
            environment.implementationName = implementation
            environment.platformPythonImplementation = implementation == "pypy" ? "PyPy" : implementation
        }
        context.markerEnvironment = environment
        let os = system == "Darwin" ? "osx" : system == "Linux" ? "linux" : "win"
        context.condaSubdir = machine == "x86_64" ? "\(os)-64" : os == "osx" && machine == "aarch64" ? "osx-arm64" : "\(os)-\(machine)"
        return context
    }
}

/// Whether a lock entry's PEP 508 marker holds here. A marker that cannot be
/// parsed, or that tests the Python version when no side of the comparison
/// says which Python it is, counts as satisfied: an entry is dropped only when
/// its marker is known to be false.
enum MarkerEvaluator {
    static func isSatisfied(_ marker: String, context: ReadContext) -> Bool {
        if context.pythonVersion == nil && (marker.contains("python_version") || marker.contains("python_full_version")) { return true }
        guard let expression = try? MarkerExpression(marker) else { return true }
        return expression.evaluate(context.markerEnvironment)
    }
}
