/// Parts of dotted names (`numpy.random.seed`), split on UTF-8 bytes: these run
/// for every call and import of every file.
public enum DottedName {
    /// The part before the first dot: the whole name when it has none.
    public static func head(_ name: String) -> Substring {
        let utf8 = name.utf8
        if let found = utf8.withContiguousStorageIfAvailable({ b -> Int? in
            var i = 0
            while i < b.count {
                if b[i] == UInt8(ascii: ".") { return i }
                i += 1
            }
            return nil
        }) {
            guard let dot = found else { return name[...] }
            return name[..<utf8.index(utf8.startIndex, offsetBy: dot)]
        }
        return name[..<(utf8.firstIndex(of: UInt8(ascii: ".")) ?? name.endIndex)]
    }

    /// The part after the last dot: the whole name when it has none.
    public static func last(_ name: String) -> Substring {
        let utf8 = name.utf8
        // Native strings: a plain backward scan of the bytes (the generic `lastIndex(of:)`
        // walks the view index by index, which showed in profiles).
        if let found = utf8.withContiguousStorageIfAvailable({ b -> Int? in
            var i = b.count - 1
            while i >= 0 {
                if b[i] == UInt8(ascii: ".") { return i }
                i -= 1
            }
            return nil
        }) {
            guard let dot = found else { return name[...] }
            return name[utf8.index(utf8.startIndex, offsetBy: dot + 1)...]
        }
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")) else { return name[...] }
        return name[utf8.index(after: dot)...]
    }
}
