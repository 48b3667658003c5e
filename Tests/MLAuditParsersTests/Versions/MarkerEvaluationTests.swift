import MLAuditParsers
import Testing

@Suite struct MarkerEvaluationTests {
    enum Env: String, CaseIterable, Sendable {
        case linux311, windows38, macOS313rc

        var environment: MarkerEnvironment {
            switch self {
            case .linux311: .cpython("3.11.4", platform: .linux)
            case .windows38: .cpython("3.8.10", platform: .windows)
            case .macOS313rc: .cpython("3.13.0rc1", platform: .macOS)
            }
        }
    }

    /// (marker, expected on linux311, windows38, macOS313rc)
    static let table: [(String, [Bool])] = [
        ("python_version < \"3.12\"", [true, true, false]),
        ("python_version >= \"3.9\"", [true, false, true]),
        ("python_version == \"3.11\"", [true, false, false]),
        ("python_version == \"3.11.0\"", [true, false, false]),
        ("python_version == \"3.*\"", [true, true, true]),
        ("python_version != \"3.11.*\"", [false, true, true]),
        ("python_version > \"3.8\"", [true, false, true]),
        ("python_version ~= \"3.10\"", [true, false, true]),
        ("python_version === \"3.11\"", [true, false, false]),
        ("python_version === \"3.11.0\"", [false, false, false]),
        ("python_version in \"3.8 3.9 3.10\"", [false, true, false]),
        ("python_version not in \"3.8 3.9\"", [true, false, true]),
        ("python_full_version < \"3.11.5\"", [true, true, false]),
        ("python_full_version >= \"3.11.4\"", [true, false, true]),
        // A release candidate is a pre-release of 3.13, which `<3.13` excludes.
        ("python_full_version < \"3.13\"", [true, true, false]),
        ("python_full_version >= \"3.13\"", [false, false, false]),
        ("python_full_version >= \"3.13.0rc1\"", [false, false, true]),
        ("'3.8' <= python_version", [true, true, true]),
        ("\"3.12\" > python_version", [true, true, false]),
        ("implementation_version >= '3.11'", [true, false, true]),
        ("sys_platform == \"linux\"", [true, false, false]),
        ("sys_platform != 'win32'", [true, false, true]),
        ("os_name == \"nt\"", [false, true, false]),
        ("platform_system == \"Darwin\"", [false, false, true]),
        ("platform_machine == \"x86_64\"", [true, false, false]),
        ("platform_machine in \"x86_64 AMD64\"", [true, true, false]),
        ("\"linux\" in sys_platform", [true, false, false]),
        // "darwin" contains "win".
        ("'win' not in sys_platform", [true, false, false]),
        ("platform_python_implementation == \"CPython\"", [true, true, true]),
        ("implementation_name == \"pypy\"", [false, false, false]),
        ("python_implementation == 'CPython'", [true, true, true]),
        ("os.name == \"posix\"", [true, false, true]),
        ("sys.platform == \"darwin\"", [false, false, true]),
        ("platform.machine == \"arm64\"", [false, false, true]),
        ("platform.python_implementation != 'PyPy'", [true, true, true]),
        ("platform.version == ''", [true, true, true]),
        ("platform_release == \"\"", [true, true, true]),
        // Strings compare as Python compares them.
        ("platform_machine < \"y\"", [true, true, true]),
        ("sys_platform > \"darwin\"", [true, true, false]),
        ("sys_platform >= \"linux\"", [true, true, false]),
        ("os_name <= \"nt\"", [false, true, false]),
        ("os_name ~= \"posix\"", [false, false, false]),
        ("python_version ~= \"fred\"", [false, false, false]),
        ("os_name === \"POSIX\"", [true, false, true]),
        ("\"\" in os_name", [true, true, true]),
        // `and` binds tighter than `or`; parentheses override.
        ("os_name == \"nt\" and sys_platform == \"linux\" or python_version == \"3.11\"", [true, false, false]),
        ("os_name == \"nt\" and (sys_platform == \"linux\" or python_version == \"3.11\")", [false, false, false]),
        ("python_version == \"3.11\" or os_name == \"nt\" and sys_platform == \"darwin\"", [true, false, false]),
        ("(python_version == \"3.11\" or os_name == \"nt\") and sys_platform == \"win32\"", [false, true, false]),
        ("os_name == 'posix' and python_version >= '3.9' and platform_machine == 'arm64'", [false, false, true]),
        ("os_name == 'nt' or sys_platform == 'darwin' or python_version == '3.11'", [true, true, true]),
        ("((os_name == 'nt'))", [false, true, false]),
        ("  python_version<'3.12'and  os_name=='posix'  ", [true, false, false]),
        ("\tsys_platform\t==\t'linux'\t", [true, false, false]),
        ("platform_version == \"it's\"", [false, false, false]),
    ]

    @Test(arguments: table)
    func evaluates(marker: String, expected: [Bool]) throws {
        let expression = try MarkerExpression(marker)
        for (env, want) in zip(Env.allCases, expected) {
            #expect(expression.evaluate(env.environment) == want, "\(marker) on \(env.rawValue)")
        }
        // The normalised text means the same.
        let reparsed = try MarkerExpression(expression.description)
        #expect(reparsed == expression)
    }

    /// (marker, platform_release, expected)
    @Test(arguments: [
        ("platform_release >= \"5.10\"", "5.15.0", true),
        ("platform_release >= \"5.10\"", "5.4.0", false),
        ("platform_release < \"6\"", "5.15.0", true),
        // Not a PEP 440 version: compared as strings.
        ("platform_release >= \"5.10\"", "5.15.0-91-generic", true),
        ("platform_release >= \"10\"", "6.1.0-18-amd64", true),
        ("platform_release == \"6.1.0-18-amd64\"", "6.1.0-18-amd64", true),
        ("'generic' in platform_release", "5.15.0-91-generic", true),
    ])
    func platformReleaseIsAVersionWhenItParses(marker: String, release: String, expected: Bool) throws {
        var environment = MarkerEnvironment.cpython("3.11.4")
        environment.platformRelease = release
        #expect(try MarkerExpression(marker).evaluate(environment) == expected)
    }

    /// (marker, requested extras, expected)
    @Test(arguments: [
        ("extra == \"gpu\"", [], false),
        ("extra == \"gpu\"", ["gpu"], true),
        ("extra == \"gpu\"", ["docs"], false),
        ("extra == \"gpu\"", ["docs", "gpu"], true),
        ("extra == \"gpu-support\"", ["GPU_Support"], true),
        ("extra == 'Gpu.Support'", ["gpu_support"], true),
        ("'gpu' == extra", ["GPU"], true),
        ("extra != \"gpu\"", [], true),
        ("extra != \"gpu\"", ["gpu"], false),
        ("extra != \"gpu\"", ["gpu", "docs"], true),
        ("extra == \"gpu\" and python_version >= \"3.8\"", ["gpu"], true),
        ("extra == \"gpu\" and python_version < \"3.8\"", ["gpu"], false),
        ("extra == \"gpu\" and extra == \"docs\"", ["gpu", "docs"], false),
        ("extra == \"gpu\" or extra == \"docs\"", ["docs"], true),
        ("\"docs\" in extras", ["docs"], true),
        ("\"Docs_Build\" in extras", ["docs-build"], true),
        ("\"docs\" not in extras", ["docs"], false),
        ("\"docs\" not in extras", [], true),
    ] as [(String, [String], Bool)])
    func extras(marker: String, extras: [String], expected: Bool) throws {
        let environment = MarkerEnvironment.cpython("3.11.4", extras: Set(extras))
        #expect(try MarkerExpression(marker).evaluate(environment) == expected)
    }

    @Test func dependencyGroups() throws {
        var environment = MarkerEnvironment.cpython("3.12.1")
        environment.dependencyGroups = ["test-group"]
        #expect(try MarkerExpression("\"Test_Group\" in dependency_groups").evaluate(environment))
        #expect(!(try MarkerExpression("\"lint\" in dependency_groups").evaluate(environment)))
        #expect(try MarkerExpression("'lint' not in dependency_groups").evaluate(environment))
    }

    @Test func environmentHelper() {
        let linux = MarkerEnvironment.cpython("3.11.4")
        #expect(linux.pythonVersion == "3.11")
        #expect(linux.osName == "posix" && linux.sysPlatform == "linux" && linux.platformSystem == "Linux")
        #expect(linux.platformMachine == "x86_64")
        let windows = MarkerEnvironment.cpython("3.10.0", platform: .windows, machine: "ARM64")
        #expect(windows.osName == "nt" && windows.sysPlatform == "win32" && windows.platformMachine == "ARM64")
        #expect(windows.value(of: .pythonFullVersion) == "3.10.0")
    }

    @Test func requirementSpecConveniences() throws {
        let spec = try #require(RequirementSpec.parse("numpy>=1.26,<2; python_version < '3.13' and sys_platform != 'win32'"))
        let marker = try #require(spec.parsedMarker)
        #expect(marker.evaluate(.cpython("3.12.4")))
        #expect(!marker.evaluate(.cpython("3.12.4", platform: .windows)))
        #expect(marker.variables == [.pythonVersion, .sysPlatform])
        #expect(spec.specifierSet?.contains(PEP440Version("1.26.4")!) == true)
        #expect(RequirementSpec.parse("numpy")?.parsedMarker == nil)
        #expect(RequirementSpec.parse("torch==${TORCH_VERSION}")?.specifierSet == nil)
    }
}
