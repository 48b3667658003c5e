/// A set of names for lookups that almost always miss (every call's name against
/// a catalogue): a `NameFilter` rejects most names before the set hashes them.
public struct NameSet: Sendable {
    public private(set) var names: Set<String>
    private var filter: NameFilter

    public init<S: Sequence>(_ names: S) where S.Element: StringProtocol {
        self.names = Set(names.map { String($0) })
        filter = NameFilter(self.names)
    }

    // Concrete overloads: callers are in other modules, where generic code would
    // run unspecialised on this hot path.
    public func contains(_ name: String) -> Bool {
        filter.mayContain(name.utf8.first, count: name.utf8.count) && names.contains(name)
    }

    public func contains(_ name: Substring) -> Bool {
        filter.mayContain(name.utf8.first, count: name.utf8.count) && names.contains(String(name))
    }
}
