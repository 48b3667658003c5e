import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// The wheel scripts/build-dist.sh writes around the self-contained binary, and the
/// build backend `pip install .` uses. Tests that need the binary of
/// `scripts/build-dist.sh --binary-only` skip without it (DistributionTests fails on CI).
@Suite struct WheelTests {
    static let python = CommandRunner.which("python3")
    static let ready = python != nil && DistributionTests.hasBinary
    static let skipReason: Comment = "skipped: needs python3 and the binary of scripts/build-dist.sh --binary-only"

    /// `auditwheel` on PATH, or the module of python3's environment.
    static let auditwheel: (program: URL, arguments: [String])? = {
        if let program = CommandRunner.which("auditwheel") { return (program, []) }
        guard let python, (try? CommandRunner.run(python, ["-c", "import auditwheel"]))?.status == 0 else { return nil }
        return (python, ["-m", "auditwheel"])
    }()

    static func buildDist(_ arguments: [String], binary: URL, into dist: URL) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["MLAUDIT_BINARY"] = binary.path
        environment["DIST_DIR"] = dist.path
        return try CommandRunner.run(URL(fileURLWithPath: "/bin/bash"), [PackagePaths.root.appendingPathComponent("scripts/build-dist.sh").path] + arguments,
                                     in: PackagePaths.root, environment: environment)
    }

    /// Checks every RECORD line against the archive and returns the entry names, WHEEL and METADATA.
    static func inspect(_ wheel: URL) throws -> (names: [String], wheel: String, metadata: String, executable: Bool) {
        let script = """
        import base64, hashlib, json, sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        names = z.namelist()
        record = next(n for n in names if n.endswith('.dist-info/RECORD'))
        for line in z.read(record).decode().splitlines():
            name, digest, size = line.rsplit(',', 2)
            if name == record:
                continue
            data = z.read(name)
            expected = 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
            assert digest == expected and int(size) == len(data), name
        script = next(i for i in z.infolist() if '.data/scripts/' in i.filename)
        print(json.dumps({
            'names': names,
            'wheel': z.read(next(n for n in names if n.endswith('.dist-info/WHEEL'))).decode(),
            'metadata': z.read(next(n for n in names if n.endswith('.dist-info/METADATA'))).decode(),
            'executable': bool((script.external_attr >> 16) & 0o111),
        }))
        """
        let result = try CommandRunner.run(python!, ["-c", script, wheel.path])
        guard result.status == 0 else { throw ToolchainHider.Failure("\(wheel.lastPathComponent): \(result.stderr)") }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (json["names"] as? [String] ?? [], json["wheel"] as? String ?? "", json["metadata"] as? String ?? "", json["executable"] as? Bool ?? false)
    }

    static func onlyWheel(in dist: URL) throws -> URL {
        let wheels = try FileManager.default.contentsOfDirectory(atPath: dist.path).filter { $0.hasSuffix(".whl") }
        #expect(wheels.count == 1, "\(wheels)")
        return dist.appendingPathComponent(try #require(wheels.first))
    }

    @Test(.enabled(if: python != nil, "skipped: no python3 on PATH"))
    func aBinaryThatNeedsTheToolchainGetsNoWheel() throws {
        let dist = try TemporaryTree()
        let result = try Self.buildDist(["--wheel-only"], binary: PackagePaths.binary, into: dist.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("libswiftCore.so"), "\(result.stderr)")
        #expect(result.stderr.contains("scripts/build-dist.sh"), "the message says how to get a portable binary")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dist.url.path).isEmpty)
    }

    @Test(.enabled(if: ready, skipReason))
    func theWheelCarriesTheBinaryAsAScript() throws {
        let dist = try TemporaryTree()
        let result = try Self.buildDist(["--wheel-only"], binary: DistributionTests.binary, into: dist.url)
        #expect(result.status == 0, "\(result.stderr)")
        let wheel = try Self.onlyWheel(in: dist.url)
        let version = MLAuditVersion.current
        let name = wheel.lastPathComponent
        #expect(name.hasPrefix("mlaudit-\(version)-py3-none-manylinux_2_") && name.hasSuffix("_x86_64.whl"), "\(name)")
        let content = try Self.inspect(wheel)
        #expect(Set(content.names) == [
            "mlaudit-\(version).data/scripts/mlaudit", "mlaudit-\(version).dist-info/METADATA",
            "mlaudit-\(version).dist-info/WHEEL", "mlaudit-\(version).dist-info/RECORD",
        ])
        #expect(content.executable)
        let tag = String(name.dropFirst("mlaudit-\(version)-".count).dropLast(".whl".count))
        #expect(content.wheel.contains("Tag: \(tag)\n") && content.wheel.contains("Root-Is-Purelib: false\n"))
        for field in ["Name: mlaudit\n", "Version: \(version)\n", "License-Expression: ", "Project-URL: Source, ", "Classifier: ",
                      "Description-Content-Type: text/markdown\n", "# mlaudit"] {
            #expect(content.metadata.contains(field), "METADATA has \(field)")
        }

        // The same binary gives the same wheel, byte for byte.
        let again = try TemporaryTree()
        _ = try Self.buildDist(["--wheel-only"], binary: DistributionTests.binary, into: again.url)
        #expect(try Data(contentsOf: wheel) == Data(contentsOf: try Self.onlyWheel(in: again.url)))

        if let auditwheel = Self.auditwheel {
            let show = try CommandRunner.run(auditwheel.program, auditwheel.arguments + ["show", wheel.path])
            #expect(show.stdout.contains("\"\(tag.replacingOccurrences(of: "py3-none-", with: ""))\""), "\(show.stdout)")
        } else {
            print("SKIP auditwheel show: auditwheel is not installed (pip install auditwheel)")
        }
    }

    @Test(.enabled(if: ready && DistributionTests.canHide, skipReason))
    func pipInstallsAWorkingMlauditWithoutSwift() throws {
        let scratch = try TemporaryTree()
        let dist = scratch.url.appendingPathComponent("dist")
        #expect(try Self.buildDist(["--wheel-only"], binary: DistributionTests.binary, into: dist).status == 0)
        let venv = scratch.url.appendingPathComponent("venv")
        #expect(try CommandRunner.run(Self.python!, ["-m", "venv", venv.path]).status == 0)
        let install = try CommandRunner.run(venv.appendingPathComponent("bin/pip"), ["install", "--no-index", "--no-deps", "--disable-pip-version-check",
                                                                                     try Self.onlyWheel(in: dist).path])
        #expect(install.status == 0, "\(install.stderr)")
        let installed = venv.appendingPathComponent("bin/mlaudit")
        #expect(FileManager.default.isExecutableFile(atPath: installed.path))
        let expected = try CommandRunner.mlaudit(["scan", "pinning-demo"], in: PackagePaths.fixtures)
        let actual = try ToolchainHider.run(installed, ["scan", "pinning-demo"], in: PackagePaths.fixtures)
        #expect(actual.status == 1)
        #expect(actual.stdout == expected.stdout)
    }

    @Test(.enabled(if: ready, skipReason))
    func pipBuildsFromTheSourceTreeWithAGivenBinary() throws {
        let out = try TemporaryTree()
        var environment = ProcessInfo.processInfo.environment
        environment["MLAUDIT_BINARY"] = DistributionTests.binary.path
        let result = try CommandRunner.run(Self.python!, ["-m", "pip", "wheel", "--no-index", "--no-deps", "--disable-pip-version-check",
                                                          "--wheel-dir", out.url.path, PackagePaths.root.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let wheel = try Self.onlyWheel(in: out.url)
        #expect(try Self.inspect(wheel).names.contains("mlaudit-\(MLAuditVersion.current).data/scripts/mlaudit"))
    }

    @Test(.enabled(if: python != nil, "skipped: no python3 on PATH"))
    func theBackendSaysWhatIsMissing() throws {
        // A copy of the backend with no binary beside it, no release recorded and no swift on PATH.
        let tree = try TemporaryTree()
        for file in ["packaging/mlaudit_build.py", "packaging/mlaudit_wheel.py", "Sources/MLAuditCore/Model/MLAuditVersion.swift"] {
            let target = tree.url.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: PackagePaths.root.appendingPathComponent(file), to: target)
        }
        var environment = ToolchainHider.environment()
        environment["MLAUDIT_BINARY"] = nil
        environment["PATH"] = environment["PATH"]?.split(separator: ":")
            .filter { !FileManager.default.isExecutableFile(atPath: "\($0)/swift") }.joined(separator: ":")
        let result = try CommandRunner.run(Self.python!, ["-c", "import mlaudit_build; mlaudit_build.build_wheel('out')"],
                                           in: tree.url.appendingPathComponent("packaging"), environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no mlaudit binary for version \(MLAuditVersion.current)"), "\(result.stderr)")
        #expect(result.stderr.contains("MLAUDIT_BINARY") && result.stderr.contains("pip install mlaudit"))
    }
}
