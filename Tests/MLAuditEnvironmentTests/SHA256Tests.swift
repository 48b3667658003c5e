@testable import MLAuditEnvironment
import Testing

@Suite struct SHA256Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let label: String
        let input: String
        let digest: String
        var testDescription: String { label }
    }

    /// FIPS 180-2 / NIST example vectors.
    static let vectors = [
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

    @Test(arguments: vectors) func knownVector(_ vector: Vector) {
        #expect(SHA256.hash(vector.input).hex == vector.digest)
    }

    @Test func millionA() {
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        var hasher = SHA256()
        for _ in 0 ..< 1000 { hasher.update(chunk) }
        #expect(hasher.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every split of the input into two updates, across block boundaries,
    /// gives the one-shot digest (exercises the carried partial block and
    /// both padding cases: 55 and 56 bytes in the last block).
    @Test func incrementalEqualsOneShot() {
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 200] {
            let bytes = (0 ..< length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            let expected = SHA256.hash(bytes)
            for split in 0 ... length {
                var hasher = SHA256()
                hasher.update(Array(bytes[..<split]))
                hasher.update(Array(bytes[split...]))
                #expect(hasher.finalize() == expected, "length \(length) split at \(split)")
            }
            var byteWise = SHA256()
            for byte in bytes { byteWise.update([byte]) }
            #expect(byteWise.finalize() == expected)
        }
    }

    @Test func lengthsAroundPadding() {
        // Independently known: SHA-256 of 55, 56 and 64 'a's.
        #expect(SHA256.hash(String(repeating: "a", count: 55)).hex == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hash(String(repeating: "a", count: 56)).hex == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256.hash(String(repeating: "a", count: 64)).hex == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }
}
