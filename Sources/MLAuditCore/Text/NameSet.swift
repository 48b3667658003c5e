/// A set of names for lookups that almost always miss (every call's name against
/// a catalogue): a `NameFilter` rejects most names before the set hashes them.
public struct NameSet: Sendable {
    public private(set) var names: Set<String>
    private var filter: NameFilter

    public init<S: Sequence>(_ names: S) where S.Element: StringProtocol {
        self.names = Set(names.map { String($0) })
        filter = NameFilter(self.names)
    }

    public func contains<T: StringProtocol>(_ name: T) -> Bool {
        guard filter.mayContain(name) else { return false }
        if let string = name as? String { return names.contains(string) }
        return names.contains(String(name))
    }
}
