import Testing
import MLAuditCore

@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("model = registry[kind](checkpoint=path)", "](", true),
        ("model = registry[kind](checkpoint=path)", "checkpoint", true),
        ("ckpt", "ckpt", true),
        ("ckp", "ckpt", false),
        ("", "x", false),
        ("abc", "", true),
        ("aab", "ab", true),
        ("a]b(", "](", false),
    ])
    func bytesAndStringsAgree(text: String, needle: String, expected: Bool) {
        #expect(Array(text.utf8).containsBytes(needle) == expected)
        #expect(text.containsBytes(needle) == expected)
    }
}
