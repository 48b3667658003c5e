import Testing
@testable import MLAuditScanner

@Suite struct PythonModuleMapTests {
    let map = PythonModuleMap(paths: ["pkg/__init__.py", "pkg/train.py", "pkg/utils/__init__.py", "pkg/utils/seed.py",
                                      "scripts/run.py", "scripts/helpers.py"])

    @Test func namesWhoseFirstPartStartsNoModuleAreRejectedUpFront() {
        #expect(map.mayName("torch.nn.functional") == false)
        #expect(map.mayName("numpy") == false)
        #expect(map.mayName("pkg.utils.seed"))
        #expect(map.mayName("utils.seed"))
        #expect(map.mayName("seed.fix"))
        #expect(map.mayName(".utils"))
        #expect(map.resolve("torch.nn", from: "pkg/train.py").isEmpty)
        #expect(map.resolve("pkg.utils.seed", from: "scripts/run.py") == ["pkg/utils/seed.py"])
    }

    @Test func anImportResolvesAlikeForEveryFileOfADirectory() {
        #expect(PythonModuleMap.importPlace(of: "scripts/run.py") == PythonModuleMap.importPlace(of: "scripts/helpers.py"))
        #expect(PythonModuleMap.importPlace(of: "scripts/a.b.py") == "scripts/a.b.py")
        let kept = map.filesLoaded(module: "helpers", level: 0, name: nil, from: "scripts/helpers.py", keepingSelf: true)
        #expect(kept == ["scripts/helpers.py"])
        #expect(map.filesLoaded(module: "helpers", level: 0, name: nil, from: "scripts/helpers.py").isEmpty)
        #expect(map.filesLoaded(module: "helpers", level: 0, name: nil, from: "scripts/run.py") == ["scripts/helpers.py"])
    }

    @Test func theResolverAgreesWithTheMapForEachFileOfADirectory() {
        let facts = ["scripts/run.py": RandomnessFacts(), "scripts/helpers.py": RandomnessFacts()]
        let resolver = ProjectFunctionResolver(modules: map, facts: facts)
        let item = RandomnessFacts.Import(module: "helpers", level: 0, name: nil)
        #expect(resolver.filesLoaded(item, from: "scripts/helpers.py").isEmpty)
        #expect(resolver.filesLoaded(item, from: "scripts/run.py") == ["scripts/helpers.py"])
        #expect(resolver.function("helpers.fix_seed", from: "scripts/run.py")?.file == "scripts/helpers.py")
        #expect(resolver.function("torch.manual_seed", from: "scripts/run.py") == nil)
    }
}
