/// A cheap pre-check for membership in a set of names: a bitmap of the names'
/// first bytes and one of their lengths. `mayContain` is false only for names
/// that cannot be in the set, so a lookup that hashes (Swift's `Set` and
/// `Dictionary` hash every string with SipHash) is done only for the few that
/// pass. Hot paths look up every call's name in several sets.
public struct NameFilter: Sendable {
    private var firstBytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Bit `min(length, 63)` for every name.
    private var lengths: UInt64 = 0

    public init() {}

    public init<S: Sequence>(_ names: S) where S.Element: StringProtocol {
        for name in names { insert(name) }
    }

    public mutating func insert<T: StringProtocol>(_ name: T) {
        lengths |= Self.lengthBit(name.utf8.count)
        let first = name.utf8.first ?? 0
        let bit = UInt64(1) << UInt64(first & 63)
        switch first >> 6 {
        case 0: firstBytes.0 |= bit
        case 1: firstBytes.1 |= bit
        case 2: firstBytes.2 |= bit
        default: firstBytes.3 |= bit
        }
    }

    public func mayContain<T: StringProtocol>(_ name: T) -> Bool {
        let utf8 = name.utf8
        return check(first: utf8.first ?? 0, count: utf8.count)
    }

    public func mayContain(_ bytes: ArraySlice<UInt8>) -> Bool {
        check(first: bytes.first ?? 0, count: bytes.count)
    }

    /// The same from a name's first UTF-8 byte and its length in bytes.
    public func mayContain(_ first: UInt8?, count: Int) -> Bool {
        check(first: first ?? 0, count: count)
    }

    private func check(first: UInt8, count: Int) -> Bool {
        guard lengths & Self.lengthBit(count) != 0 else { return false }
        let bit = UInt64(1) << UInt64(first & 63)
        switch first >> 6 {
        case 0: return firstBytes.0 & bit != 0
        case 1: return firstBytes.1 & bit != 0
        case 2: return firstBytes.2 & bit != 0
        default: return firstBytes.3 & bit != 0
        }
    }

    private static func lengthBit(_ count: Int) -> UInt64 { UInt64(1) << UInt64(min(count, 63)) }
}
