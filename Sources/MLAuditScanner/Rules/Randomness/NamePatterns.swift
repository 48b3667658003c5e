/// A set of qualified names where `*` matches any run of characters (dots included).
/// Exact names are looked up in a hash set; only names with a `*` are matched one by
/// one, on UTF-8 bytes (the names are ASCII in practice, and this runs for most calls).
struct NamePatterns: Sendable {
    private var exact: Set<String> = []
    /// Each wildcard pattern split at its `*`s: prefix, middle pieces, suffix.
    private var wildcards: [[[UInt8]]] = []

    init(_ patterns: [String]) {
        for pattern in patterns {
            if pattern.contains("*") {
                wildcards.append(pattern.split(separator: "*", omittingEmptySubsequences: false).map { Array($0.utf8) })
            } else {
                exact.insert(pattern)
            }
        }
    }

    var isEmpty: Bool { exact.isEmpty && wildcards.isEmpty }

    func matches(_ name: String) -> Bool {
        if exact.contains(name) { return true }
        if wildcards.isEmpty { return false }
        var name = name
        return name.withUTF8 { bytes in wildcards.contains { Self.match(pieces: $0, bytes) } }
    }

    private static func match(pieces: [[UInt8]], _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = pieces[0]
        guard name.count >= first.count, name.starts(with: first) else { return false }
        if pieces.count == 1 { return name.count == first.count }
        let last = pieces[pieces.count - 1]
        let suffixStart = name.count - last.count
        guard suffixStart >= first.count, name[suffixStart...].elementsEqual(last) else { return false }
        var position = first.count
        for piece in pieces[1..<(pieces.count - 1)] where !piece.isEmpty {
            guard let found = find(piece, in: name, from: position, before: suffixStart) else { return false }
            position = found + piece.count
        }
        return true
    }

    /// The first occurrence of `piece` lying wholly in `name[from..<end]`.
    private static func find(_ piece: [UInt8], in name: UnsafeBufferPointer<UInt8>, from: Int, before end: Int) -> Int? {
        guard end - from >= piece.count else { return nil }
        let head = piece[0]
        for start in from...(end - piece.count) where name[start] == head {
            if name[start..<(start + piece.count)].elementsEqual(piece) { return start }
        }
        return nil
    }
}
