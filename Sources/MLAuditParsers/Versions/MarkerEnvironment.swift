/// The values a marker is evaluated against (PEP 508's environment variables).
public struct MarkerEnvironment: Sendable, Hashable {
    public var osName: String
    public var sysPlatform: String
    public var platformMachine: String
    public var platformPythonImplementation: String
    public var platformRelease: String
    public var platformSystem: String
    public var platformVersion: String
    /// `major.minor`, e.g. `3.11`.
    public var pythonVersion: String
    public var pythonFullVersion: String
    public var implementationName: String
    public var implementationVersion: String
    /// The requested extras; `extra == "x"` holds when one of them is `x`.
    public var extras: Set<String>
    public var dependencyGroups: Set<String>

    public init(osName: String = "", sysPlatform: String = "", platformMachine: String = "",
                platformPythonImplementation: String = "", platformRelease: String = "", platformSystem: String = "",
                platformVersion: String = "", pythonVersion: String = "", pythonFullVersion: String = "",
                implementationName: String = "", implementationVersion: String = "",
                extras: Set<String> = [], dependencyGroups: Set<String> = []) {
        self.osName = osName
        self.sysPlatform = sysPlatform
        self.platformMachine = platformMachine
        self.platformPythonImplementation = platformPythonImplementation
        self.platformRelease = platformRelease
        self.platformSystem = platformSystem
        self.platformVersion = platformVersion
        self.pythonVersion = pythonVersion
        self.pythonFullVersion = pythonFullVersion
        self.implementationName = implementationName
        self.implementationVersion = implementationVersion
        self.extras = extras
        self.dependencyGroups = dependencyGroups
    }

    /// Operating systems with the values CPython reports on them.
    public enum Platform: Sendable, Hashable, CaseIterable {
        case linux, macOS, windows
    }

    /// A CPython environment such as `MarkerEnvironment.cpython("3.11.9", platform: .linux)`;
    /// the machine defaults to the usual one of the platform.
    public static func cpython(_ pythonFullVersion: String, platform: Platform = .linux, machine: String? = nil,
                               extras: Set<String> = []) -> MarkerEnvironment {
        let release = PEP440Version(pythonFullVersion)?.release ?? []
        let pythonVersion = release.count >= 2 ? "\(release[0]).\(release[1])" : pythonFullVersion
        var environment = MarkerEnvironment(
            platformPythonImplementation: "CPython", pythonVersion: pythonVersion, pythonFullVersion: pythonFullVersion,
            implementationName: "cpython", implementationVersion: pythonFullVersion, extras: extras)
        switch platform {
        case .linux:
            environment.osName = "posix"
            environment.sysPlatform = "linux"
            environment.platformSystem = "Linux"
            environment.platformMachine = machine ?? "x86_64"
        case .macOS:
            environment.osName = "posix"
            environment.sysPlatform = "darwin"
            environment.platformSystem = "Darwin"
            environment.platformMachine = machine ?? "arm64"
        case .windows:
            environment.osName = "nt"
            environment.sysPlatform = "win32"
            environment.platformSystem = "Windows"
            environment.platformMachine = machine ?? "AMD64"
        }
        return environment
    }

    /// The value of a string-valued variable (`extra` gives "", the set-valued ones
    /// their members joined by commas).
    public func value(of variable: MarkerVariable) -> String {
        switch variable {
        case .osName: osName
        case .sysPlatform: sysPlatform
        case .platformMachine: platformMachine
        case .platformPythonImplementation: platformPythonImplementation
        case .platformRelease: platformRelease
        case .platformSystem: platformSystem
        case .platformVersion: platformVersion
        case .pythonVersion: pythonVersion
        case .pythonFullVersion: pythonFullVersion
        case .implementationName: implementationName
        case .implementationVersion: implementationVersion
        case .extra: ""
        case .extras: extras.sorted().joined(separator: ",")
        case .dependencyGroups: dependencyGroups.sorted().joined(separator: ",")
        }
    }
}
