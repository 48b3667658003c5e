import Foundation
import MLAuditCore
import MLAuditParsers
import MLAuditTestSupport
import Testing
@testable import MLAuditScanner

/// Version syntaxes of the manifests, the standard library table, and static
/// reading of setup.py.
@Suite struct DependencyModelTests {
    @Test(arguments: [
        ("^1.26", "1.26.4", true), ("^1.26", "2.0.0", false), ("^0.2.3", "0.2.9", true), ("^0.2.3", "0.3.0", false),
        ("^0.0.3", "0.0.4", false), ("^0", "0.9", true), ("^0", "1.0", false), ("~1.2.3", "1.2.9", true),
        ("~1.2.3", "1.3.0", false), ("~1", "1.9", true), ("~1", "2.0", false), ("1.2.3", "1.2.3", true),
        ("1.2.3", "1.2.4", false), ("1.2.*", "1.2.7", true), (">=1.2,<2", "1.9", true), (">=1.2 <2", "2.0", false),
        (">= 1.2, < 1.5", "1.4", true), ("^1.0 || ^2.0", "2.5", true), ("^1.0 || ^2.0", "3.0", false), ("*", "9.9", true),
    ])
    func poetryConstraints(_ constraint: String, _ version: String, _ admitted: Bool) {
        #expect(VersionConstraints.poetry(constraint).admits(version) == admitted, "\(constraint) vs \(version)")
    }

    @Test func poetryExactness() {
        #expect(VersionConstraints.poetryIsExact("1.26.4"))
        #expect(VersionConstraints.poetryIsExact("==1.26.4"))
        #expect(!VersionConstraints.poetryIsExact("^1.26"))
        #expect(!VersionConstraints.poetryIsExact("1.26.*"))
    }

    @Test(arguments: [
        ("numpy=1.26", "1.26.4", true), ("numpy=1.26", "1.27.0", false), ("numpy==1.26.4", "1.26.4", true),
        ("numpy 1.26.4", "1.26.5", false), ("numpy>=1.2,<2", "1.9", true), ("numpy>=1.2,<2", "2.1", false),
        ("numpy 1.2|1.3", "1.3", true), ("openssl=3.0", "3.0.13w", true), ("numpy", "0.1", true),
    ])
    func condaConstraints(_ spec: String, _ version: String, _ admitted: Bool) throws {
        let parsed = try #require(CondaMatchSpec.parse(Substring(spec)))
        #expect(VersionConstraints.conda(parsed).admits(version) == admitted, "\(spec) vs \(version)")
    }

    @Test(arguments: [
        (">=3.10", 10), ("^3.11", 11), ("==3.11.*", 11), ("3.11.9", 11), ("3.12", 12), ("=3.9", 9), (">3.10", 10), ("<3.9", 8),
    ])
    func lowestPythonMinor(_ text: String, _ minor: Int) {
        #expect(StandardLibrary.lowestMinor(text) == minor, "\(text)")
    }

    @Test func standardLibraryByVersion() {
        let stdlib = StandardLibrary.shared
        #expect(stdlib.contains("tomllib", minor: 11))
        #expect(!stdlib.contains("tomllib", minor: 10))
        #expect(stdlib.contains("distutils", minor: 11))
        #expect(!stdlib.contains("distutils", minor: 12))
        #expect(stdlib.contains("distutils", minor: nil))
        #expect(stdlib.contains("os", minor: 14))
        #expect(!stdlib.contains("numpy", minor: nil))
    }

    @Test func importNameMapKnowsCommonPairs() {
        let map = ImportNameMap.builtIn
        #expect(map.candidates(for: "sklearn.linear_model")?.contains("scikit-learn") == true)
        #expect(map.candidates(for: "cv2")?.contains("opencv-python-headless") == true)
        #expect(map.candidates(for: "PIL.Image")?.contains("pillow") == true)
        #expect(map.candidates(for: "google.protobuf.message")?.contains("protobuf") == true)
        #expect(map.candidates(for: "torch_geometric")?.contains("torch-geometric") == true)
    }

    @Test func setupPyLiteralListsAndComputedValues() throws {
        let tree = try TemporaryTree(files: [
            "setup.py": """
            from setuptools import setup

            REQUIRED = ["numpy>=1.26", "pandas==2.2.2"]
            extras = {}
            extras["test"] = ["pytest>=8"]

            setup(
                name="demo",
                python_requires=">=3.10",
                install_requires=REQUIRED,
                extras_require=extras,
                setup_requires=open("build.txt").read().split(),
            )
            """,
        ])
        var options = ScanOptions(paths: ["."], baseDirectory: tree.url)
        options.select = ["DEC001"]
        let result = try Scanner.scan(options)
        #expect(result.diagnostics.contains { $0.message.contains("setup_requires in setup.py is computed") }, "\(result.diagnostics)")
        let file = DiscoveredFile(relativePath: "setup.py", displayPath: "setup.py", absolutePath: tree.url.appendingPathComponent("setup.py").path,
                                  kind: .setupPy, size: 0, isExplicit: false)
        let index = ProjectIndex(root: tree.url, displayRoot: ".", files: [file], isComplete: true)
        let context = FileContext(file: file, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: file.absolutePath))), project: index,
                                  configuration: Configuration(), enabledRules: [])
        let manifest = SetupPyManifestReader.read(context)
        #expect(manifest.dependencies.map(\.key) == ["numpy", "pandas", "pytest"])
        #expect(manifest.dependencies.first?.line == 3)
        #expect(manifest.pythonVersion?.text == ">=3.10")
        #expect(manifest.projectName == "demo")
    }
}
