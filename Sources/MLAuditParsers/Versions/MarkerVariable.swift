/// The environment variables a PEP 508 marker can test.
public enum MarkerVariable: String, Sendable, Hashable, CaseIterable {
    case osName = "os_name"
    case sysPlatform = "sys_platform"
    case platformMachine = "platform_machine"
    case platformPythonImplementation = "platform_python_implementation"
    case platformRelease = "platform_release"
    case platformSystem = "platform_system"
    case platformVersion = "platform_version"
    case pythonVersion = "python_version"
    case pythonFullVersion = "python_full_version"
    case implementationName = "implementation_name"
    case implementationVersion = "implementation_version"
    /// The extra being installed (wheel metadata); compared after PEP 685 normalisation.
    case extra = "extra"
    /// The set of requested extras (lock files); only `"name" in extras`.
    case extras = "extras"
    /// The set of requested dependency groups (lock files); only `"name" in dependency_groups`.
    case dependencyGroups = "dependency_groups"

    /// Looks up a name as written in a marker, including the legacy dotted
    /// spellings of PEP 345 (`os.name`, `sys.platform`, `platform.machine`,
    /// `platform.version`, `platform.python_implementation`, `python_implementation`).
    public init?(name: String) {
        if let variable = MarkerVariable(rawValue: name) {
            self = variable
            return
        }
        switch name {
        case "os.name": self = .osName
        case "sys.platform": self = .sysPlatform
        case "platform.machine": self = .platformMachine
        case "platform.version": self = .platformVersion
        case "platform.python_implementation", "python_implementation": self = .platformPythonImplementation
        default: return nil
        }
    }

    /// Variables whose values are compared as PEP 440 versions when both sides parse.
    public var isVersion: Bool {
        switch self {
        case .pythonVersion, .pythonFullVersion, .implementationVersion, .platformRelease: true
        default: false
        }
    }

    /// Variables whose value is a set of names.
    public var isSet: Bool { self == .extras || self == .dependencyGroups }
}
