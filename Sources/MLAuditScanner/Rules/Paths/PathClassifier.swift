/// Where a path found in a text points, as far as PATH001–PATH003 care.
enum PathClass: Hashable, Sendable {
    /// Inside one user's home: `/home/NAME`, `/Users/NAME`, `C:\Users\NAME`, `/root/…`.
    case userHome(user: String)
    /// A mount or data location that exists only on particular machines, or a Windows drive.
    case machineLocation(MachineLocation)
    /// Any other absolute path: machine-specific only when it is used as a file location.
    case absolute
    /// Under a standard system directory (`/usr`, `/etc`, `/tmp`, …).
    case system
    /// A documentation placeholder such as `/path/to/data`.
    case placeholder
    /// Below the home of whoever runs the code: `~/…`, `~NAME/…`, `$HOME/…`, `${HOME}/…`.
    case homeRelative
}

enum MachineLocation: Hashable, Sendable {
    /// `/mnt/…`, `/scratch/…`, `/fsx/…`: the root directory, e.g. "mnt".
    case root(String)
    case colabDrive
    case kaggleInput
    /// A Windows drive path; the drive letter, uppercased.
    case windowsDrive(String)
}

/// One path inside a text: its byte range and what it is.
struct PathMention: Hashable, Sendable {
    var range: Range<Int>
    var pathClass: PathClass
    /// The last segment ends in an extension (`model.onnx`), so it names a file.
    var hasFileExtension: Bool
}

/// Finds and classifies paths in a value (a string literal, a shell word, a config
/// value) byte by byte. A path starts at the beginning of the text or after a
/// delimiter (a blank, `=`, `:`, a comma, a quote, a bracket, a redirection), so
/// `--cache=/home/ana/.cache` and the host side of `/home/ana/data:/data` are found,
/// while `{root}/home/x` or `a/home/b` are not paths starting there. URLs with a
/// network scheme are skipped whole; a `file:` URL is read as its path.
enum PathClassifier {
    static let slash = UInt8(ascii: "/")
    static let backslash = UInt8(ascii: "\\")

    /// Cheap test before any other work: every path this type finds holds a slash or a backslash.
    static func mayHoldPath<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.contains { $0 == slash || $0 == backslash }
    }

    /// Whether a literal as written (quotes and escapes included) may hold a mention:
    /// a separator right after a byte a path may start after, or a byte that can
    /// begin one otherwise (`~`, `$`, an escape). A superset of what `mentions(in:)`
    /// finds in the literal's value, and much narrower than `mayHoldPath`: relative
    /// paths such as "data/train.csv" never pass.
    static func mayHoldMention<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var previous: UInt8 = 0x20
        for c in bytes {
            switch c {
            case backslash, UInt8(ascii: "~"), UInt8(ascii: "$"): return true
            case slash where startsAfter(previous): return true
            default: previous = c
            }
        }
        return false
    }

    /// `mayHoldMention` of `bytes[range]`, reading the array's storage directly: it runs
    /// over every string literal of every Python file.
    static func mayHoldMention(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var previous: UInt8 = 0x20
            var k = range.lowerBound
            while k < range.upperBound {
                let c = b[k]
                switch c {
                case backslash, UInt8(ascii: "~"), UInt8(ascii: "$"): return true
                case slash where startsAfter(previous): return true
                default: previous = c
                }
                k += 1
            }
            return false
        }
    }

    static let systemRoots: Set<String> = ["usr", "etc", "dev", "proc", "sys", "tmp", "opt", "bin", "var", "lib",
                                           "sbin", "lib32", "lib64", "libx32", "run", "boot",
                                           // macOS
                                           "System", "Library", "Applications"]
    static let machineRoots: Set<String> = ["mnt", "media", "Volumes", "scratch", "data", "datasets", "nfs", "gpfs",
                                            "lustre", "fsx", "checkpoint", "dbfs"]
    /// First segments of paths written as examples in help texts and docstrings.
    static let placeholderRoots: Set<String> = ["path", "your", "absolute", "full", "some", "foo"]
    static let windowsSharedUsers: Set<String> = ["public", "default", "default user", "all users"]
    /// User names written as stand-ins in examples and sandboxes (`/home/user/…`, `/Users/username/…`).
    static let placeholderUsers: Set<String> = ["user", "username", "user_name", "yourname", "your_name", "yourusername",
                                                "your_username", "myname", "me", "someone", "something", "foo", "xxx", "name"]
    /// `C:\Windows`, `C:\ProgramData`, `C:\Program Files` (whose space ends the path as read).
    static let windowsSystemRoots: Set<String> = ["windows", "programdata"]

    // MARK: Scanning

    static func mentions(in b: [UInt8]) -> [PathMention] {
        var found: [PathMention] = []
        let n = b.count
        var i = 0
        while i < n {
            guard i == 0 || startsAfter(b[i - 1]) else {
                i += 1
                continue
            }
            let c = b[i]
            if isLetter(c), let scheme = schemeEnd(b, i) {
                if scheme.isFile, let path = fileURLPath(b, from: scheme.end), let mention = posixMention(b, path) {
                    found.append(mention)
                    i = mention.range.upperBound
                } else {
                    i = tokenEnd(b, i)
                }
                continue
            }
            if isLetter(c), i + 3 < n, b[i + 1] == UInt8(ascii: ":"), isSeparator(b[i + 2]), !isTerminator(b[i + 3]) {
                if let mention = windowsMention(b, i) {
                    found.append(mention)
                    i = max(i + 1, mention.range.upperBound)
                    continue
                }
            }
            if c == slash || c == backslash {
                if i + 1 < n, b[i + 1] == c {  // `//host/…`, `\\server\share`: network paths or not paths at all
                    i = tokenEnd(b, i)
                    continue
                }
                if c == slash, let mention = posixMention(b, i) {
                    found.append(mention)
                    i = mention.range.upperBound
                    continue
                }
            }
            if c == UInt8(ascii: "~") || c == UInt8(ascii: "$"), let mention = homeRelativeMention(b, i) {
                found.append(mention)
                i = mention.range.upperBound
                continue
            }
            i += 1
        }
        return found
    }

    /// Bytes after which a path may start.
    static func startsAfter(_ c: UInt8) -> Bool {
        switch c {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return true
        case UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\""),
             UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "<"),
             UInt8(ascii: ">"), UInt8(ascii: "|"):
            return true
        default: return false
        }
    }

    /// Bytes that end a path (a POSIX path also ends at `:`, as in `PATH` lists and bind mounts).
    static func isTerminator(_ c: UInt8) -> Bool {
        switch c {
        case 0x00...0x20, 0x7F: return true
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "|"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ")"):
            return true
        default: return false
        }
    }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isSeparator(_ c: UInt8) -> Bool { c == slash || c == backslash }

    /// End of a whitespace- or quote-delimited token (a URL being skipped).
    static func tokenEnd(_ b: [UInt8], _ start: Int) -> Int {
        var j = start
        while j < b.count, !(b[j] <= 0x20 || b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") || b[j] == UInt8(ascii: "`")
                             || b[j] == UInt8(ascii: "<") || b[j] == UInt8(ascii: ">")) { j += 1 }
        return max(j, start + 1)
    }

    /// `scheme://` (or `file:/`) at `start`: where the part after the colon starts.
    static func schemeEnd(_ b: [UInt8], _ start: Int) -> (end: Int, isFile: Bool)? {
        var j = start + 1
        while j < b.count, isLetter(b[j]) || isDigit(b[j]) || b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: ".")
                || b[j] == UInt8(ascii: "-") { j += 1 }
        guard j - start >= 2, j < b.count, b[j] == UInt8(ascii: ":") else { return nil }
        let isFile = j - start == 4 && b[start..<j].map { $0 | 0x20 }.elementsEqual("file".utf8)
        if j + 2 < b.count, b[j + 1] == slash, b[j + 2] == slash { return (j + 1, isFile) }
        if isFile, j + 1 < b.count, b[j + 1] == slash { return (j + 1, true) }
        return nil
    }

    /// The path of a `file:` URL whose part after the colon starts at `start`
    /// (`///Users/x`, `//localhost/Users/x`, `/Users/x`).
    static func fileURLPath(_ b: [UInt8], from start: Int) -> Int? {
        var j = start
        if j + 1 < b.count, b[j] == slash, b[j + 1] == slash {
            j += 2
            while j < b.count, b[j] != slash, !isTerminator(b[j]) { j += 1 }  // host
        }
        return j < b.count && b[j] == slash ? j : nil
    }

    /// End of a path starting at `start`.
    /// A `}` or `]` closing a bracket opened before the path (`${oc.env:DIR,/data/x}`) ends it too.
    static func pathEnd(_ b: [UInt8], from start: Int, colonEnds: Bool) -> Int {
        var j = start
        var braces = 0
        var brackets = 0
        scan: while j < b.count, !isTerminator(b[j]), !(colonEnds && b[j] == UInt8(ascii: ":")) {
            switch b[j] {
            case UInt8(ascii: "{"): braces += 1
            case UInt8(ascii: "["): brackets += 1
            case UInt8(ascii: "}"):
                if braces == 0 { break scan }
                braces -= 1
            case UInt8(ascii: "]"):
                if brackets == 0 { break scan }
                brackets -= 1
            default: break
            }
            j += 1
        }
        // Prose ends sentences after paths: "saved to /data/x."
        while j > start + 1, b[j - 1] == UInt8(ascii: "."), b[j - 2] != UInt8(ascii: "."), b[j - 2] != slash { j -= 1 }
        return j
    }

    /// Non-empty segments of `b[range]`, split at any run of separators.
    static func segments(_ b: [UInt8], _ range: Range<Int>, backslashSeparates: Bool) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = range.lowerBound
        for j in range {
            if b[j] == slash || (backslashSeparates && b[j] == backslash) {
                if j > start { result.append(b[start..<j]) }
                start = j + 1
            }
        }
        if range.upperBound > start { result.append(b[start..<range.upperBound]) }
        return result
    }

    static func text(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }

    // MARK: Kinds of path

    static func posixMention(_ b: [UInt8], _ start: Int) -> PathMention? {
        let end = pathEnd(b, from: start, colonEnds: true)
        let parts = pathLike(segments(b, (start + 1)..<end, backslashSeparates: false))
        guard let pathClass = classifyPOSIX(parts) else { return nil }
        return PathMention(range: start..<end, pathClass: pathClass, hasFileExtension: hasFileExtension(parts.last))
    }

    static func classifyPOSIX(_ parts: [ArraySlice<UInt8>]) -> PathClass? {
        guard let firstSlice = parts.first else { return nil }
        let first = text(firstSlice)
        let second = parts.count > 1 ? text(parts[1]) : nil
        // The superuser's dot-directories (`/root/.cache`, `/root/.local`) are tool state, the same on every machine.
        if first == "root", let second, second.hasPrefix(".") { return .system }
        if first == "root", parts.count >= 2 { return .userHome(user: "root") }
        if first == "Users" || first == "home", let second, placeholderUsers.contains(second.lowercased()) { return .placeholder }
        // SageMaker notebook instances keep the notebook volume at the same place on every instance.
        if first == "home", second == "ec2-user", parts.count >= 3, parts[2].elementsEqual("SageMaker".utf8) { return .system }
        if first == "Users", let second, second != "Shared", isUserName(parts[1]) { return .userHome(user: second) }
        if first == "home", let second, isUserName(parts[1]) { return .userHome(user: second) }
        if !systemRoots.contains(first), parts.count > 2 {
            // Cluster and NFS homes behind a prefix: /private/home/NAME, /net/fs1/home/NAME.
            for k in 1..<min(parts.count - 1, 4) where parts[k].elementsEqual("home".utf8) {
                if isUserName(parts[k + 1]) { return .userHome(user: text(parts[k + 1])) }
            }
        }
        // Hidden entries at the root (`/.dockerenv`) are markers of an environment, not data locations.
        if systemRoots.contains(first) || first.hasPrefix(".") { return .system }
        if first == "private", let second, ["tmp", "var", "etc"].contains(second) { return .system }
        if machineRoots.contains(first), parts.count >= 2 { return .machineLocation(.root(first)) }
        if first == "content", second == "drive", parts.count >= 3 { return .machineLocation(.colabDrive) }
        // Colab's working directory (`/content/sample_data`, files fetched into it) is the same in every Colab runtime.
        if first == "content", second != "drive" { return .system }
        if first == "kaggle", second == "input", parts.count >= 3 { return .machineLocation(.kaggleInput) }
        if placeholderRoots.contains(first.lowercased()) { return .placeholder }
        // A single entry at the root (`/pydoc.css`, `/api`) is a URL path far more often than a file.
        return parts.count >= 2 ? .absolute : nil
    }

    static func windowsMention(_ b: [UInt8], _ start: Int) -> PathMention? {
        let end = pathEnd(b, from: start + 2, colonEnds: true)
        let parts = pathLike(segments(b, (start + 2)..<end, backslashSeparates: true))
        guard let first = parts.first else { return nil }
        let drive = String(UnicodeScalar(b[start] & ~0x20))
        let pathClass: PathClass
        let firstName = text(first).lowercased()
        if firstName == "users", parts.count >= 2, isUserName(parts[1]), !windowsSharedUsers.contains(text(parts[1]).lowercased()) {
            pathClass = .userHome(user: text(parts[1]))
        } else if windowsSystemRoots.contains(firstName)
                    || (firstName == "program" && b[first.endIndex...].map { $0 | 0x20 }.starts(with: " files".utf8)) {
            pathClass = .system
        } else if placeholderRoots.contains(firstName) {
            pathClass = .placeholder
        } else {
            pathClass = .machineLocation(.windowsDrive(drive))
        }
        return PathMention(range: start..<end, pathClass: pathClass, hasFileExtension: hasFileExtension(parts.last))
    }

    /// `~/x`, `~NAME/x`, `$HOME/x`, `${HOME}/x`, with something below the home.
    static func homeRelativeMention(_ b: [UInt8], _ start: Int) -> PathMention? {
        var j = start + 1
        if b[start] == UInt8(ascii: "~") {
            // `~NAME` starts like a user name; `~-` and `~+` are the shell's directory stack.
            if j < b.count, b[j] != slash, !(isLetter(b[j]) || b[j] == UInt8(ascii: "_")) { return nil }
            while j < b.count, isLetter(b[j]) || isDigit(b[j]) || b[j] == UInt8(ascii: "_") || b[j] == UInt8(ascii: "-")
                    || b[j] == UInt8(ascii: ".") { j += 1 }
        } else if b[start...].starts(with: "$HOME".utf8) {
            j = start + 5
        } else if b[start...].starts(with: "${HOME}".utf8) {
            j = start + 7
        } else {
            return nil
        }
        guard j + 1 < b.count, b[j] == slash, !isTerminator(b[j + 1]) else { return nil }
        let end = pathEnd(b, from: j, colonEnds: true)
        let parts = pathLike(segments(b, (j + 1)..<end, backslashSeparates: false))
        guard let first = parts.first else { return nil }
        // Dot-directories and dotfiles (`~/.cache/…`, `~/.bashrc`, `~/.huggingface/token`) hold per-user tool
        // state, caches and credentials, which are per user by design; they are not project data.
        let pathClass: PathClass = first.first == UInt8(ascii: ".") ? .system : .homeRelative
        return PathMention(range: start..<end, pathClass: pathClass, hasFileExtension: hasFileExtension(parts.last))
    }

    /// The leading segments that read as file names: a regular expression (`/data/(train|test)`,
    /// `~/(\\w+)`) is cut where its syntax starts.
    static func pathLike(_ parts: [ArraySlice<UInt8>]) -> [ArraySlice<UInt8>] {
        guard let cut = parts.firstIndex(where: { part in
            guard let first = part.first else { return true }
            if !(isLetter(first) || isDigit(first) || first >= 0x80 || "._-$@{%~".utf8.contains(first)) { return true }
            return part.contains { "(|\\^?".utf8.contains($0) }
        }) else { return parts }
        return Array(parts[..<cut])
    }

    /// A segment that can be a user name: not empty, not `.`/`..`, no pattern or template syntax.
    static func isUserName(_ segment: ArraySlice<UInt8>) -> Bool {
        guard let first = segment.first, first != UInt8(ascii: ".") else { return false }
        return !segment.contains { c in
            switch c {
            case UInt8(ascii: "$"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "*"),
                 UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "\\"), UInt8(ascii: "+"), UInt8(ascii: "^"), UInt8(ascii: "|"), UInt8(ascii: ":"):
                return true
            default:
                return false
            }
        }
    }

    /// `name.ext` with an extension of 1–16 letters and digits starting with a letter.
    static func hasFileExtension(_ segment: ArraySlice<UInt8>?) -> Bool {
        guard let segment, let dot = segment.lastIndex(of: UInt8(ascii: ".")), dot > segment.startIndex else { return false }
        let ext = segment[(dot + 1)...]
        guard let first = ext.first, isLetter(first), ext.count <= 16 else { return false }
        return ext.allSatisfy { isLetter($0) || isDigit($0) }
    }
}
