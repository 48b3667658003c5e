import Foundation
import MLAuditTestSupport
import Testing

/// The benchmark's generated corpus, at a small scale: the generator is deterministic,
/// and a scan reports exactly the problems it plants (nothing in its ignored folders),
/// which is what the benchmark checks before it times anything.
@Suite struct BenchCorpusTests {
    static let ruleOfKind = ["home-path": "PATH001", "random-state": "RND002", "hub-revision": "DAT003",
                             "pip-install": "PIN002", "requirement": "PIN001", "image-latest": "PIN007",
                             "undeclared-import": "DEC001", "undeclared-data": "DAT001"]

    struct Planted: Hashable, Comparable, CustomStringConvertible {
        var rule: String
        var path: String
        var line: Int
        static func < (a: Planted, b: Planted) -> Bool { (a.path, a.line, a.rule) < (b.path, b.line, b.rule) }
        var description: String { "\(rule) \(path):\(line)" }
    }

    static func generate(into directory: URL) throws -> (planted: Set<Planted>, expected: Data) {
        let python = try #require(CommandRunner.which("python3"), "python3 runs the corpus generator")
        let script = PackagePaths.root.appendingPathComponent("bench/corpus.py").path
        let result = try CommandRunner.run(python, [script, directory.path, "--scale", "0.05"])
        #expect(result.status == 0, "\(result.stderr)")
        let expectedData = try Data(contentsOf: URL(fileURLWithPath: directory.path + ".expected.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        let items = try #require(object["planted"] as? [[String: Any]])
        let planted = Set(items.map { item in
            Planted(rule: ruleOfKind[item["kind"] as! String]!, path: item["path"] as! String, line: item["line"] as! Int)
        })
        return (planted, expectedData)
    }

    @Test func scanReportsExactlyThePlantedProblems() throws {
        let tree = try TemporaryTree()
        let corpus = tree.url.appendingPathComponent("corpus")
        let (planted, _) = try Self.generate(into: corpus)
        #expect(Set(planted.map(\.rule)) == Set(Self.ruleOfKind.values), "every kind of problem is planted at this scale")

        let result = try CommandRunner.mlaudit(["scan", ".", "--format", "json", "--exit-zero"], in: corpus)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        var reported = Set<Planted>()
        for finding in findings {
            let path = (finding["path"] as! String).replacingOccurrences(of: "./", with: "", options: .anchored)
            #expect(!path.contains(".venv/") && !path.contains("outputs/") && !path.hasPrefix("build/"),
                    "a finding in an ignored folder: \(path)")
            let rule = finding["rule"] as! String
            if Self.ruleOfKind.values.contains(rule) {
                reported.insert(Planted(rule: rule, path: path, line: finding["line"] as! Int))
            }
        }
        #expect(planted.subtracting(reported).sorted() == [], "planted problems not reported")
        #expect(reported.subtracting(planted).sorted() == [], "reported problems nobody planted")
    }

    @Test func theGeneratorIsDeterministic() throws {
        let tree = try TemporaryTree()
        let first = try Self.generate(into: tree.url.appendingPathComponent("a")).expected
        let second = try Self.generate(into: tree.url.appendingPathComponent("b")).expected
        #expect(first == second)
    }
}
