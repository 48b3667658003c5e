@testable import MLAuditDiff
import Testing

@Suite struct VersionOrderingTests {
    /// conda's documented order, smallest first.
    @Test func condaOrderFollowsCondaDocumentation() {
        let ordered = ["0.4", "0.4.1.rc", "0.4.1", "0.5a1", "0.5b3", "0.5C1", "0.5", "0.9.6", "0.960923", "1.0", "1.1dev1", "1.1_",
                       "1.1a1", "1.1.0dev1", "1.1.a1", "1.1.0rc1", "1.1.0", "1.1.0post1", "1.1post1", "1996.07.12", "1!0.4.1", "1!3.1.1.6", "2!0.4.1"]
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            #expect(CondaVersion(a) < CondaVersion(b), "\(a) < \(b)")
            #expect(!(CondaVersion(b) < CondaVersion(a)), "\(b) !< \(a)")
        }
        #expect(CondaVersion("1.1") == CondaVersion("1.1.0"))
        #expect(CondaVersion("0.4.1.rc") == CondaVersion("0.4.1.RC"))
        #expect(CondaVersion("1.1.0post1") == CondaVersion("1.1.post1"))
    }

    @Test func debianOrderHandlesEpochRevisionAndTilde() {
        let ordered = ["1.0~rc1", "1.0", "1.0-1", "1.0-1ubuntu1", "1.0a", "1.0+b1", "1.1", "1:0.9"]
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            #expect(DebianVersion(a) < DebianVersion(b), "\(a) < \(b)")
        }
        #expect(DebianVersion("8.9.2.26-1+cuda12.1") < DebianVersion("8.9.7.29-1+cuda12.2"))
        #expect(DebianVersion("2.35-0ubuntu3.6") < DebianVersion("2.35-0ubuntu3.7"))
        #expect(DebianVersion("1.02") == DebianVersion("1.2"))
        #expect(DebianVersion("0:1.2") == DebianVersion("1.2"))
    }

    @Test(arguments: [
        ("2.2.1", "3.0.0", PackageChange.major), ("2.1.4", "2.2.2", .minor), ("1.26.3", "1.26.4", .patch),
        ("2.1", "2.1.1", .patch), ("2.1.0+cu118", "2.1.0+cu121", .local), ("2.1.0", "2.1.0+cpu", .local),
        ("2.1.0rc1", "2.1.0", .preRelease), ("2.9.0", "2.9.0.post0", .postRelease), ("1!1.0", "2.0", .epoch),
        ("1.0.dev3", "1.0.dev4", .devRelease),
    ])
    func pythonVersionChanges(old: String, new: String, expected: PackageChange) {
        #expect(VersionClassifier.classify(old, new, ecosystem: .pypi) == expected)
    }

    @Test func equalPythonVersionsAreNoChange() {
        #expect(VersionClassifier.classify("1.0", "1.0.0", ecosystem: .pypi) == nil)
        #expect(VersionClassifier.classify("2.1.0", "2.1.0", ecosystem: .pypi) == nil)
    }

    @Test(arguments: [
        ("3.2.1", "3.3.0", PackageChange.minor), ("1.26.4", "2.0.0", .major), ("2023.12.25", "2024.4.16", .major),
        ("1.12.0", "1.12.0.1", .patch), ("1.0.1", "1.0.1a", .preRelease),
    ])
    func condaVersionChanges(old: String, new: String, expected: PackageChange) {
        #expect(VersionClassifier.classify(old, new, ecosystem: .conda) == expected)
    }

    @Test func pep503Normalisation() {
        #expect(PackageName.normalized("Scikit_Learn") == "scikit-learn")
        #expect(PackageName.normalized("typing_extensions") == "typing-extensions")
        #expect(PackageName.normalized("zope.interface") == "zope-interface")
        #expect(PackageName.normalized("A__B--c") == "a-b-c")
    }

    @Test func nameGlobs() {
        #expect(NameGlob.matches(pattern: "nvidia-*", name: "nvidia_cublas_cu12"))
        #expect(NameGlob.matches(pattern: "Torch", name: "torch"))
        #expect(NameGlob.matches(pattern: "torch?ision", name: "torchvision"))
        #expect(NameGlob.matches(pattern: "lib[abc]*", name: "libblas3"))
        #expect(!NameGlob.matches(pattern: "torch", name: "torchvision"))
    }
}
