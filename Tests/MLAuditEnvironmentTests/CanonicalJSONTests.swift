import Foundation
import MLAuditCore
@testable import MLAuditEnvironment
import Testing

@Suite struct CanonicalJSONTests {
    struct Sample: Codable {
        var zeta: Int
        var alpha: [String: String]
        var list: [Int]
        var empty: [Int]
        var text: String
        var missing: String?
    }

    @Test func layoutIsCanonical() throws {
        let sample = Sample(zeta: 1, alpha: ["b": "2", "B": "1", "a": "3"], list: [3, 1], empty: [], text: "q\"\\/\n\té\u{1}")
        let text = String(decoding: try CanonicalJSON.encode(sample), as: UTF8.self)
        #expect(text == """
        {
          "alpha": {
            "B": "1",
            "a": "3",
            "b": "2"
          },
          "empty": [],
          "list": [
            3,
            1
          ],
          "text": "q\\"\\\\/\\n\\té\\u0001",
          "zeta": 1
        }

        """)
        // And it is valid JSON that decodes back.
        let back = try JSONDecoder().decode(Sample.self, from: Data(text.utf8))
        #expect(back.text == sample.text)
    }

    @Test func sectionsFlattenTheirContent() throws {
        let section = Section<LockfileInventory>.ok(LockfileInventory(files: []), warnings: ["b", "a"])
        let text = String(decoding: try CanonicalJSON.encode(section), as: UTF8.self)
        #expect(text == "{\n  \"files\": [],\n  \"status\": \"ok\",\n  \"warnings\": [\n    \"a\",\n    \"b\"\n  ]\n}\n")
        let failed = String(decoding: try CanonicalJSON.encode(Section<LockfileInventory>.failed("boom")), as: UTF8.self)
        #expect(failed == "{\n  \"reason\": \"boom\",\n  \"status\": \"failed\"\n}\n")
    }

    @Test func atomicWriteReplacesFile() throws {
        let directory = try TemporaryDirectory()
        let target = try directory.write("out.json", "old")
        try Snapshotter.write(Array("new\n".utf8), to: target)
        #expect(try FileSystem.readString(target) == "new\n")
        let leftovers = try FileSystem.list(directory.path).map(\.name)
        #expect(leftovers == ["out.json"], "no temporary file is left behind")
        // The target's folder must exist: the temporary file is made beside the target.
        let error = #expect(throws: OutputFileError.self) {
            try Snapshotter.write([], to: directory.url("missing-dir/out.json"))
        }
        #expect(error?.description.contains("missing-dir/out.json") == true, "the message names the target")
    }

    @Test func timestamps() {
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 1_700_000_000.9)) == "2023-11-14T22:13:20Z")
    }

    @Test func sourceDateEpochAndNoTimestamp() {
        var context = SnapshotContext(environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        context.now = { Date(timeIntervalSince1970: 5) }
        #expect(Snapshotter(options: SnapshotOptions(), context: context).createdAt() == "2023-11-14T22:13:20Z")
        #expect(Snapshotter(options: SnapshotOptions(timestamp: .omitted), context: context).createdAt() == nil)
        context.environment = [:]
        #expect(Snapshotter(options: SnapshotOptions(), context: context).createdAt() == "1970-01-01T00:00:05Z")
    }
}

@Suite struct JSONParserTests {
    @Test func parsesEveryKind() throws {
        let value = try JSONParser.parse(#" {"a": [1, -2, 3.5, 1e3, true, false, null], "s": "x\"\\\/\n\u00e9\ud83d\ude00", "o": {}} "#)
        #expect(value == .object([
            "a": .array([.integer(1), .integer(-2), .number(3.5), .number(1000), .bool(true), .bool(false), .null]),
            "s": .string("x\"\\/\né😀"),
            "o": .object([:]),
        ]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"unterminated", "1 2", "{\"a\":1,}", "\"\u{1}\""])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }
}
