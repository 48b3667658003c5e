import MLAuditCore

/// The patterns of one `.gitignore`/`.ignore` file and the directory they apply to.
struct IgnoreFile: Sendable {
    /// Directory of the file relative to the scan root ("" for the root itself).
    let base: String
    /// For ignore files above the scan root: the root's path relative to the file's directory.
    let rootOffset: String
    let patterns: [GlobPattern]
    private let baseDepth: Int
    private let baseComponents: [ArraySlice<UInt8>]
    private let offsetComponents: [ArraySlice<UInt8>]
    /// Indices of the patterns by what they need of a path's last component, so a path
    /// is tried against the few patterns that can match it: `build` (a name), `*.pyc`
    /// (an ending, by its length), patterns whose matches need a literal ending
    /// (`ckpt_*.tmp`) or start (`cache*`), tried only on names that have it, and the
    /// rest, tried from the last one down.
    private let byName: [[UInt8]: [Int]]
    private let bySuffix: [[UInt8]: [Int]]
    private let suffixLengths: [Int]
    private let byEnding: [[UInt8]: [Int]]
    private let endingLengths: [Int]
    private let byStart: [[UInt8]: [Int]]
    private let startLengths: [Int]
    private let general: [Int]

    init(base: String, rootOffset: String = "", text: String) {
        self.base = base
        self.rootOffset = rootOffset
        self.baseComponents = GlobPattern.components(of: Array(base.utf8))
        self.baseDepth = baseComponents.count
        self.offsetComponents = GlobPattern.components(of: Array(rootOffset.utf8))
        self.patterns = text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            if line.hasPrefix("#") { return nil }
            return GlobPattern(String(line), allowNegation: true)
        }
        var byName: [[UInt8]: [Int]] = [:]
        var bySuffix: [[UInt8]: [Int]] = [:]
        var byEnding: [[UInt8]: [Int]] = [:]
        var byStart: [[UInt8]: [Int]] = [:]
        var general: [Int] = []
        for (index, pattern) in patterns.enumerated() {
            if let name = pattern.literalName {
                byName[name, default: []].append(index)
            } else if let suffix = pattern.starSuffix {
                bySuffix[suffix, default: []].append(index)
            } else if let ending = pattern.requiredEnding {
                byEnding[ending, default: []].append(index)
            } else if let start = pattern.requiredStart {
                byStart[start, default: []].append(index)
            } else {
                general.append(index)
            }
        }
        self.byName = byName
        self.bySuffix = bySuffix
        self.suffixLengths = Set(bySuffix.keys.map(\.count)).sorted()
        self.byEnding = byEnding
        self.endingLengths = Set(byEnding.keys.map(\.count)).sorted()
        self.byStart = byStart
        self.startLengths = Set(byStart.keys.map(\.count)).sorted()
        self.general = general
    }

    /// The index of the last pattern matching the path (local components), or nil.
    func lastMatch(_ local: ArraySlice<ArraySlice<UInt8>>, isDirectory: Bool) -> Int? {
        guard let last = local.last else { return nil }
        var best = -1
        func consider(_ indices: [Int]?) {
            guard let indices else { return }
            for index in indices.reversed() where index > best {
                if !patterns[index].directoryOnly || isDirectory {
                    best = index
                    return
                }
            }
        }
        if !byName.isEmpty { consider(byName[Array(last)]) }
        for length in suffixLengths {
            guard length <= last.count else { break }
            consider(bySuffix[Array(last.suffix(length))])
        }
        // Indices ascend in each list: the first match from the end is the list's last.
        func tryEach(_ indices: [Int]?) {
            guard let indices else { return }
            for index in indices.reversed() {
                if index <= best { break }
                if patterns[index].matches(components: local, isDirectory: isDirectory) {
                    best = index
                    break
                }
            }
        }
        for length in endingLengths {
            guard length <= last.count else { break }
            tryEach(byEnding[Array(last.suffix(length))])
        }
        for length in startLengths {
            guard length <= last.count else { break }
            tryEach(byStart[Array(last.prefix(length))])
        }
        tryEach(general)
        return best >= 0 ? best : nil
    }

    /// The path's components as the patterns of this file see them, or nil when it is outside the file's directory.
    func localComponents(_ components: [ArraySlice<UInt8>]) -> ArraySlice<ArraySlice<UInt8>>? {
        guard components.count > baseDepth else { return nil }
        for i in 0..<baseDepth where components[i] != baseComponents[i] { return nil }
        if offsetComponents.isEmpty { return components[baseDepth...] }
        return (offsetComponents + components[baseDepth...])[...]
    }
}

/// The ignore files in force for a directory, outermost first. Later (deeper) files
/// override earlier ones; within a file the last matching pattern wins, as in git.
struct IgnoreRules: Sendable {
    var files: [IgnoreFile] = []

    func isIgnored(_ relativePath: String, isDirectory: Bool) -> Bool {
        if files.isEmpty { return false }
        let components = GlobPattern.components(of: Array(relativePath.utf8))
        var ignored = false
        for file in files {
            guard let local = file.localComponents(components), let index = file.lastMatch(local, isDirectory: isDirectory) else { continue }
            ignored = !file.patterns[index].isNegated
        }
        return ignored
    }

    func adding(_ file: IgnoreFile) -> IgnoreRules {
        guard !file.patterns.isEmpty else { return self }
        var copy = self
        copy.files.append(file)
        return copy
    }
}
