import MLAuditCore
import MLAuditParsers

/// What the shell commands of a file (a notebook's `!` lines and `%%bash` cells) fetch
/// or unpack into the working directory: `wget URL` (its last path component),
/// `wget -O FILE`, `wget -P DIR`, `curl -o FILE`, `curl -O URL`, `unzip X -d DIR`,
/// `tar -x… -C DIR`, and data paths handed to a Python script. Relative paths only, normalised.
struct ShellDownloads {
    private(set) var files: Set<String> = []
    private(set) var directories: Set<String> = []

    init(_ file: FileContext) {
        for parsed in file.shellRegions {
            for command in parsed.commands {
                let words = UncheckedDownloadRule.dropPrefixes(command.words).map(\.text)
                guard let tool = words.first.map({ RelativePath.name(of: $0) }) else { continue }
                switch tool {
                case "wget": wget(Array(words.dropFirst()))
                case "curl": curl(Array(words.dropFirst()))
                case "unzip", "tar", "7z": unpack(Array(words.dropFirst()))
                case "python", "python3", "accelerate", "torchrun", "deepspeed": scriptArguments(Array(words.dropFirst()))
                default: continue
                }
            }
        }
    }

    private mutating func add(file path: String) {
        guard PythonDataReferences.isPlainRelativePath(path) else { return }
        files.insert(PythonDataReferences.normalized(path))
    }

    private mutating func add(directory path: String) {
        guard PythonDataReferences.isPlainRelativePath(path) else { return }
        directories.insert(PythonDataReferences.normalized(path))
    }

    static func urlName(_ word: String) -> String? {
        guard word.contains("://") else { return nil }
        let path = word.prefix { $0 != "?" && $0 != "#" }
        guard let name = path.split(separator: "/").last, !path.hasSuffix("/"), !name.contains(":") else { return nil }
        return String(name)
    }

    private mutating func wget(_ words: [String]) {
        var output: String?
        var directory: String?
        var urls: [String] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            if w == "-O" || w == "--output-document", i + 1 < words.count { output = words[i + 1]; i += 2; continue }
            if w.hasPrefix("--output-document=") { output = String(w.dropFirst("--output-document=".count)) }
            if w == "-P" || w == "--directory-prefix", i + 1 < words.count { directory = words[i + 1]; i += 2; continue }
            if w.hasPrefix("--directory-prefix=") { directory = String(w.dropFirst("--directory-prefix=".count)) }
            if let name = Self.urlName(w) { urls.append(name) }
            i += 1
        }
        if let output, output != "-" { add(file: output); return }
        for name in urls { add(file: directory.map { RelativePath.join($0, name) } ?? name) }
    }

    private mutating func curl(_ words: [String]) {
        var remoteName = false
        var urls: [String] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            if (w == "-o" || w == "--output"), i + 1 < words.count {
                if words[i + 1] != "-" { add(file: words[i + 1]) }
                i += 2
                continue
            }
            if w == "-O" || w == "--remote-name" || (w.hasPrefix("-") && !w.hasPrefix("--") && w.contains("O")) { remoteName = true }
            if let name = Self.urlName(w) { urls.append(name) }
            i += 1
        }
        if remoteName { for name in urls { add(file: name) } }
    }

    /// `!python run_benchmark.py --csv_memory_file plots/memory.csv`: a data path handed to a
    /// script the notebook runs is that script's business (most often its output, read back
    /// by a later cell); the script itself is checked where it is.
    private mutating func scriptArguments(_ words: [String]) {
        for word in words.dropFirst() {
            let value = word.hasPrefix("-") ? (word.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) ?? "") : word
            if !value.isEmpty, DataFileCatalogue.shared.dataExtension(of: value) != nil { add(file: value) }
        }
    }

    private mutating func unpack(_ words: [String]) {
        for (i, w) in words.enumerated() where (w == "-d" || w == "-C" || w == "--directory") && i + 1 < words.count {
            add(directory: words[i + 1])
        }
        for w in words where w.hasPrefix("-o") && w.count > 2 && !w.hasPrefix("--") { add(directory: String(w.dropFirst(2))) }  // 7z -oDIR
    }
}
