import Foundation
import MLAuditHashing
import MLAuditTestSupport
import Testing

@Suite struct DigestTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let label: String
        let input: String
        let digest: String
        var testDescription: String { label }
    }

    /// FIPS 180-2 / NIST example vectors.
    static let sha256Vectors = [
        Vector(label: "empty", input: "", digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        Vector(label: "abc", input: "abc", digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Vector(
            label: "448-bit", input: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        Vector(
            label: "896-bit",
            input: "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    /// RFC 1321 test suite.
    static let md5Vectors = [
        Vector(label: "empty", input: "", digest: "d41d8cd98f00b204e9800998ecf8427e"),
        Vector(label: "a", input: "a", digest: "0cc175b9c0f1b6a831c399e269772661"),
        Vector(label: "abc", input: "abc", digest: "900150983cd24fb0d6963f7d28e17f72"),
        Vector(label: "alphabet", input: "abcdefghijklmnopqrstuvwxyz", digest: "c3fcd3d76192e4007dfb496cca67e13b"),
    ]

    @Test(arguments: sha256Vectors) func sha256KnownVector(_ vector: Vector) {
        #expect(SHA256.hash(vector.input).hex == vector.digest)
    }

    @Test(arguments: md5Vectors) func md5KnownVector(_ vector: Vector) {
        #expect(MD5.hash(vector.input) == vector.digest)
    }

    @Test func millionA() {
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        var hasher = SHA256()
        for _ in 0 ..< 1000 { hasher.update(chunk) }
        #expect(hasher.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func copiesContinueIndependently() {
        var first = SHA256()
        first.update("ab")
        var second = first
        first.update("c")
        second.update("d")
        #expect(first.finalize() == SHA256.hash("abc"))
        #expect(second.finalize() == SHA256.hash("abd"))
    }

    @Test func fileDigestsStreamAcrossChunks() throws {
        let bytes = (0 ..< (3 * 4096 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let tree = try TemporaryTree(files: [:])
        let path = tree.url.appendingPathComponent("blob.bin").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let digester = FileDigester(chunkSize: 4096)
        defer { digester.release() }
        let result = try digester.digest(path: path, algorithms: [.sha256, .md5])
        #expect(result.size == Int64(bytes.count))
        #expect(result.hex[.sha256] == SHA256.hash(bytes).hex)
        #expect(result.hex[.md5] == MD5.hash(bytes))
    }

    @Test func parallelResultsKeepRequestOrderAndReportErrors() throws {
        let tree = try TemporaryTree(files: ["a.txt": "a", "b.txt": "bb", "c.txt": "ccc"])
        let names = ["c.txt", "missing.txt", "a.txt", "b.txt"]
        let requests = names.map { ParallelDigester.Request(path: tree.url.appendingPathComponent($0).path, algorithms: [.sha256]) }
        let results = ParallelDigester.digest(requests, jobs: 2)
        #expect(results.count == 4)
        #expect((try? results[0].get())?.hex[.sha256] == SHA256.hash("ccc").hex)
        #expect((try? results[2].get())?.hex[.sha256] == SHA256.hash("a").hex)
        #expect((try? results[3].get())?.size == 2)
        guard case .failure(let error) = results[1] else {
            Issue.record("a missing file must fail")
            return
        }
        #expect(error.description.contains("missing.txt"))
    }
}
