/// A small fixed set of words (language keywords) matched against token bytes,
/// so a token is compared without making a string of it.
public struct ByteWords: Sendable {
    private let words: [(bytes: [UInt8], word: String)]
    private let lengths: ClosedRange<Int>

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = words.sorted().map { (Array($0.utf8), $0) }
        let counts = self.words.map(\.bytes.count)
        lengths = (counts.min() ?? 1)...(counts.max() ?? 0)
    }

    /// The word these bytes spell, if it is one of the set.
    public func word(matching bytes: ArraySlice<UInt8>) -> String? {
        guard lengths.contains(bytes.count), let first = bytes.first else { return nil }
        return words.first { $0.bytes.count == bytes.count && $0.bytes[0] == first && $0.bytes.elementsEqual(bytes) }?.word
    }

    public func contains(_ bytes: ArraySlice<UInt8>) -> Bool { word(matching: bytes) != nil }
}
