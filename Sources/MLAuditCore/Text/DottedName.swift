/// Parts of dotted names (`numpy.random.seed`), split on UTF-8 bytes: these run
/// for every call and import of every file.
public enum DottedName {
    /// The part before the first dot: the whole name when it has none.
    public static func head(_ name: String) -> Substring {
        name[..<(name.utf8.firstIndex(of: UInt8(ascii: ".")) ?? name.endIndex)]
    }

    /// The part after the last dot: the whole name when it has none.
    public static func last(_ name: String) -> Substring {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return name[...] }
        return name[name.utf8.index(after: dot)...]
    }
}
