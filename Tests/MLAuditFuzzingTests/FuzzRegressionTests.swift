import Foundation
import MLAuditFuzzing
import MLAuditTestSupport
import Testing

/// Every input that once crashed a fuzz target (`fixtures/fuzz-regressions/<target>/`),
/// and every seed of the targets' corpora, runs through its target without trapping.
@Suite struct FuzzRegressionTests {
    static let regressions = PackagePaths.fixtures.appendingPathComponent("fuzz-regressions")

    static func inputs(_ target: FuzzTarget) -> [URL] {
        let directory = regressions.appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { directory.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func regressionInputsRunCleanly(_ target: FuzzTarget) throws {
        for url in Self.inputs(target) {
            target.run([UInt8](try Data(contentsOf: url)))
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedCorpusIsNotEmptyAndRunsCleanly(_ target: FuzzTarget) {
        let seeds = SeedCorpus.seeds(for: target, fixtures: PackagePaths.fixtures.path)
        #expect(!seeds.isEmpty, "no seeds for \(target.rawValue)")
        #expect(Set(seeds.map(\.name)).count == seeds.count, "seed names collide")
        for seed in seeds { target.run(seed.bytes) }
    }

    @Test func everyRegressionFolderNamesATarget() throws {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: Self.regressions.path)) ?? []
        for folder in folders where !folder.hasPrefix(".") && folder != "README.md" {
            #expect(FuzzTarget(rawValue: folder) != nil, "fixtures/fuzz-regressions/\(folder) is not a fuzz target")
        }
    }
}
