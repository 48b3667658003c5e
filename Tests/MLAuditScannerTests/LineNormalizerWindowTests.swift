@testable import MLAuditScanner
import Testing

/// A finding keeps at most `windowLimit` bytes of its line for its fingerprint.
@Suite struct LineNormalizerWindowTests {
    @Test func shortLinesAreKeptWhole() {
        let line = ArraySlice(Array("  x = '/home/alice'  ".utf8))
        #expect(LineNormalizer.window(line, column: 7) == line)
    }

    @Test func longLinesKeepTheBytesAroundTheColumn() {
        let bytes = Array(repeating: UInt8(ascii: "a"), count: 100_000) + Array("/home/alice".utf8) + Array(repeating: UInt8(ascii: "b"), count: 100_000)
        let line = ArraySlice(bytes)
        let window = LineNormalizer.window(line, column: 100_001)
        #expect(window.count == LineNormalizer.windowLimit)
        #expect(String(decoding: window, as: UTF8.self).contains("/home/alice"))
        // At either end the window stays inside the line.
        #expect(LineNormalizer.window(line, column: 1).startIndex == 0)
        #expect(LineNormalizer.window(line, column: 10_000_000).endIndex == line.endIndex)
        #expect(LineNormalizer.window(line, column: 1).count == LineNormalizer.windowLimit)
    }

    @Test func theWindowDependsOnlyOnTheLineAndColumn() {
        let line = ArraySlice(Array(repeating: UInt8(ascii: "z"), count: 50_000))
        #expect(LineNormalizer.window(line, column: 20_000) == LineNormalizer.window(ArraySlice(Array(line)), column: 20_000))
    }
}
