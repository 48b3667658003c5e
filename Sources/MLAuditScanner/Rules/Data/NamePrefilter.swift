import MLAuditCore

/// A quick test before a call's name is tried against a table of `NamePatterns`
/// (one hash per entry): false only for names no entry can match. Tables with a `*`
/// pattern are let through whole.
struct NamePrefilter: Sendable {
    private let names: NameSet?

    init(_ lists: [[String]]) {
        let all = lists.flatMap { $0 }
        names = all.contains { $0.contains("*") } ? nil : NameSet(all)
    }

    func mayMatch(_ name: String) -> Bool {
        names?.contains(name) ?? true
    }
}
