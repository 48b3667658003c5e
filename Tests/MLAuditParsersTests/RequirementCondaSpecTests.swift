import MLAuditParsers
import Testing

@Suite struct RequirementCondaSpecTests {
    @Test(arguments: [
        "numpy==1.26.4", "numpy==1.26", "numpy=1.26.4", "numpy=1.26.4=py311h64a7726_0", "numpy 1.26.4",
        "numpy 1.26.4 py311h64a7726_0", "conda-forge::numpy=1.26.4", "numpy[version='1.26.4']",
        "pytorch=2.4.1=*cuda*", "cudatoolkit=11.8.0", "numpy[version='==1.26.4', build=py311_0]",
    ])
    func pinned(text: String) throws {
        let spec = try #require(CondaMatchSpec.parse(Substring(text)))
        #expect(spec.isPinned, "\(spec)")
        #expect(spec.name.hasPrefix("numpy") || spec.name == "pytorch" || spec.name == "cudatoolkit")
    }

    @Test(arguments: [
        "numpy", "numpy=1.26", "pytorch-cuda=12.1", "numpy>=1.26", "numpy >=1.26,<2", "numpy 1.26.*",
        "numpy=1.26.3|1.26.4", "numpy[version='>=1.26']", "conda-forge::numpy", "numpy=1.26.*", "numpy!=1.26.0",
    ])
    func notPinned(text: String) throws {
        let spec = try #require(CondaMatchSpec.parse(Substring(text)))
        #expect(!spec.isPinned, "\(spec)")
    }

    @Test func partsAreSplit() throws {
        let spec = try #require(CondaMatchSpec.parse("pytorch::pytorch=2.4.1=py3.11_cuda12.1_cudnn9.1.0_0"))
        #expect(spec.channel == "pytorch")
        #expect(spec.name == "pytorch")
        #expect(spec.build == "py3.11_cuda12.1_cudnn9.1.0_0")
        #expect(spec.pinning == .exact(version: "2.4.1"))
        #expect(CondaMatchSpec.parse("python=3.11")?.pinning == .prefix(version: "3.11"))
        #expect(CondaMatchSpec.parse("scipy")?.pinning == .unversioned)
        #expect(CondaMatchSpec.parse("  ") == nil)
    }
}
