/// A deterministic pseudo-random generator (64-bit LCG, high bits) for fuzz-style
/// tests: the same seed gives the same cases on every machine and run.
public struct SeededGenerator: Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
