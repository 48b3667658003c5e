import MLAuditCore
import Yams

/// A call that reads a file, and where its path (and open mode) argument is.
struct DataReader: Sendable {
    var names: NamePatterns
    var path: (index: Int, keyword: String)
    var mode: (index: Int, keyword: String)?
}

/// The contents of `rules/data/data-files.yaml`.
struct DataFileCatalogue: Sendable {
    /// Lowercased, without the dot; compound ones (`tar.gz`) included.
    var dataExtensions: Set<String> = []
    var largeFileExtensions: Set<String> = []
    var notDataExtensions: Set<String> = []
    var readers: [DataReader] = []
    var pathReaders = NameSet([String]())
    var writers = NameSet([String]())
    /// Writers that create the file their path names, and those that fill a directory.
    var fileProducers = NameSet([String]())
    var directoryProducers = NameSet([String]())
    var writeModes: Set<Character> = []
    var outputNameWords: [String] = []
    var remoteNameWords: [String] = []
    /// First components of every reader name: a call starting otherwise is no reader.
    private var readerRoots = NameSet([String]())
    /// The last dot-separated part of every data extension (`gz` for `tar.gz`), as bytes.
    private var finalExtensions: Set<[UInt8]> = []
    /// Each exact reader name → the first reader listing it; readers with `*` patterns, in order.
    private var exactReaders: [String: Int] = [:]
    private var patternReaders: [Int] = []

    static let shared = DataFileCatalogue(RuleData.node("data-files"))

    init(_ root: Node) {
        dataExtensions = Set(Self.strings(root["data-extensions"]).map { $0.lowercased() })
        finalExtensions = Set(dataExtensions.map { Array(($0.split(separator: ".").last ?? "").utf8) })
        largeFileExtensions = Set(Self.strings(root["large-file-extensions"]).map { $0.lowercased() })
        notDataExtensions = Set(Self.strings(root["not-data-extensions"]).map { $0.lowercased() })
        var roots: [Substring] = []
        for node in root["readers"]?.sequence ?? [] {
            guard let path = Self.place(node["path"]) else { continue }
            let names = Self.strings(node["names"])
            if names.contains(where: { $0.contains("*") }) { patternReaders.append(readers.count) }
            for name in names where !name.contains("*") && exactReaders[name] == nil { exactReaders[name] = readers.count }
            readers.append(DataReader(names: NamePatterns(names), path: path, mode: Self.place(node["mode"])))
            roots += names.map { $0.prefix { $0 != "." && $0 != "*" } }
        }
        readerRoots = NameSet(roots)
        pathReaders = NameSet(Self.strings(root["path-readers"]))
        writers = NameSet(Self.strings(root["writers"]))
        fileProducers = NameSet(Self.strings(root["producers"]?["files"]))
        directoryProducers = NameSet(Self.strings(root["producers"]?["directories"]))
        writeModes = Set(Self.strings(root["write-modes"]).compactMap(\.first))
        outputNameWords = Self.strings(root["output-name-words"])
        remoteNameWords = Self.strings(root["remote-name-words"])
    }

    func mayRead(_ qualifiedName: String) -> Bool {
        readerRoots.contains(DottedName.head(qualifiedName))
    }

    func reader(for qualifiedName: String) -> DataReader? {
        // The first reader naming it exactly, unless a reader with patterns before it matches.
        let exact = exactReaders[qualifiedName]
        for i in patternReaders {
            if let exact, exact < i { break }
            if readers[i].names.matches(qualifiedName) { return readers[i] }
        }
        return exact.map { readers[$0] }
    }

    /// A quick test on bytes before any string work: whether the text ends in a name whose
    /// last extension is one of the data extensions' (or one of `extra`).
    func mayNameDataFile(_ text: String, extra: Set<[UInt8]> = []) -> Bool {
        let utf8 = text.utf8
        // Native strings: the bytes after the last dot, read straight from storage.
        if let answer = utf8.withContiguousStorageIfAvailable({ b -> Bool in
            var dot = b.count - 1
            while dot >= 0, b[dot] != UInt8(ascii: ".") {
                if b[dot] == UInt8(ascii: "/") { return false }
                dot -= 1
            }
            guard dot >= 0, b.count - dot - 1 <= 12 else { return false }
            let lowered = b[(dot + 1)...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            return finalExtensions.contains(lowered) || extra.contains(lowered)
        }) {
            return answer
        }
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        if let slash = utf8.lastIndex(of: UInt8(ascii: "/")), slash > dot { return false }
        let suffix = utf8[utf8.index(after: dot)...]
        guard suffix.count <= 12 else { return false }
        let lowered = suffix.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return finalExtensions.contains(lowered) || extra.contains(lowered)
    }

    /// The data extension a path ends with (the longest, so `tar.gz` over `gz`), if any.
    func dataExtension(of path: String) -> String? {
        Self.extensions(of: path).first { dataExtensions.contains($0) }
    }

    /// Whether a file of this name may be data when it is large (DAT004), judged by its name alone;
    /// nil when only its content can tell.
    func isLargeFileCandidate(name: String) -> Bool? {
        let extensions = Self.extensions(of: name)
        if extensions.contains(where: { dataExtensions.contains($0) || largeFileExtensions.contains($0) }) { return true }
        if let last = extensions.last, notDataExtensions.contains(last) { return false }
        return nil
    }

    /// Whether a variable, keyword or key name says its value is written (`output_path`, `save_to`).
    func isOutputName(_ name: String) -> Bool {
        let words = name.lowercased().split { !$0.isLetter }
        return words.contains { word in outputNameWords.contains { word == $0 || (word.hasPrefix($0) && $0.count >= 5) } }
    }

    /// Whether a variable, keyword or key name says its value is remote (`hf_hub`, `weights_url`).
    func isRemoteName(_ name: String) -> Bool {
        let words = name.lowercased().split { !$0.isLetter }
        return words.contains { remoteNameWords.contains(String($0)) }
    }

    /// The extensions of a file name, longest first: `a.tar.gz` → `tar.gz`, `gz`.
    static func extensions(of path: String) -> [String] {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, !(parts.count == 2 && parts[0].isEmpty) else { return [] }
        var result: [String] = []
        let firstExtension = parts[0].isEmpty ? 2 : 1
        for start in firstExtension..<parts.count {
            result.append(parts[start...].joined(separator: "."))
        }
        return result
    }

    private static func place(_ node: Node?) -> (Int, String)? {
        guard let items = node?.sequence, items.count == 2, let index = items[0].int, let keyword = items[1].string else { return nil }
        return (index, keyword)
    }

    private static func strings(_ node: Node?) -> [String] {
        guard let node else { return [] }
        if let s = node.string { return [s] }
        return node.sequence?.compactMap(\.string) ?? []
    }
}
