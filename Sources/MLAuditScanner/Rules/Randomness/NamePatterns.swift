/// A set of qualified names where `*` matches any run of characters (dots included).
/// Exact names are looked up in a hash set; only names with a `*` are matched one by one.
struct NamePatterns: Sendable {
    private var exact: Set<String> = []
    private var wildcards: [[Substring]] = []

    init(_ patterns: [String]) {
        for pattern in patterns {
            if pattern.contains("*") {
                wildcards.append(pattern.split(separator: "*", omittingEmptySubsequences: false))
            } else {
                exact.insert(pattern)
            }
        }
    }

    var isEmpty: Bool { exact.isEmpty && wildcards.isEmpty }

    func matches(_ name: String) -> Bool {
        if exact.contains(name) { return true }
        return wildcards.contains { Self.match(pieces: $0, name[...]) }
    }

    private static func match(pieces: [Substring], _ name: Substring) -> Bool {
        guard let first = pieces.first else { return name.isEmpty }
        guard name.hasPrefix(first) else { return false }
        var rest = name.dropFirst(first.count)
        if pieces.count == 1 { return rest.isEmpty }
        let last = pieces[pieces.count - 1]
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}
