/// A package manager that an install command runs.
public enum PackageTool: String, Sendable, Hashable, CaseIterable {
    case pip
    case uvPip = "uv pip"
    case pipx
    case uvTool = "uv tool"
    case conda
    case mamba
    case micromamba
    case aptGet = "apt-get"
    case apt
    case aptitude
    case yum
    case dnf
    case microdnf
    case apk

    public enum Family: Sendable, Hashable {
        /// pip-compatible requirement arguments.
        case python
        /// conda match specs.
        case conda
        /// OS packages.
        case system
    }

    public var family: Family {
        switch self {
        case .pip, .uvPip, .pipx, .uvTool: .python
        case .conda, .mamba, .micromamba: .conda
        case .aptGet, .apt, .aptitude, .yum, .dnf, .microdnf, .apk: .system
        }
    }
}

/// An option of an install command and its value, if it takes one.
public struct InstallOption: Sendable, Hashable {
    /// The option as written without its value: `-r`, `--extra-index-url`.
    public var name: String
    /// The word holding the option.
    public var word: ShellWord
    /// The value (the same word for `--opt=value` and `-rfile`, else the next word).
    public var value: String?
    public var valueWord: ShellWord?
}

/// A recognized package installation: `pip install …`, `conda install …`, `apt-get install …`.
public struct InstallCommand: Sendable, Hashable {
    public var tool: PackageTool
    /// How the command was written, for messages (`python3 -m pip install`).
    public var displayName: String
    /// `install`, `create`, `add`, `inject`.
    public var subcommand: String
    /// Positional package arguments, in order. Words holding an unresolved variable are kept.
    public var packages: [ShellWord]
    /// Values of `-e`/`--editable`.
    public var editables: [ShellWord]
    /// Every option with its value.
    public var options: [InstallOption]
    /// `NAME=value` assignments in the command's environment (`PIP_CONSTRAINT=c.txt pip install …`).
    public var environment: [String: ShellWord]
    /// The command as split.
    public var command: ShellCommand

    public func options(named names: Set<String>) -> [InstallOption] { options.filter { names.contains($0.name) } }
    public func hasOption(_ names: Set<String>) -> Bool { options.contains { names.contains($0.name) } }

    /// Versions of the packages named come from a constraints or overrides file
    /// (`-c`, `--constraint`, uv `--override`, `PIP_CONSTRAINT`/`UV_CONSTRAINT`).
    public var usesConstraints: Bool {
        hasOption(["-c", "--constraint", "--override", "--overrides"])
            || environment["PIP_CONSTRAINT"] != nil || environment["UV_CONSTRAINT"] != nil || environment["UV_OVERRIDE"] != nil
    }
}

/// Recognizes install commands among split shell commands, looking through
/// `sudo`, `env VAR=x`, assignments, `conda run -n env`, `poetry run` and shell
/// keywords (`then`, `do`), and resolving `$VAR` words from known defaults.
public enum InstallCommandRecognizer {
    public static func recognize(_ command: ShellCommand, variables: [String: String] = [:], makeSyntax: Bool = false) -> InstallCommand? {
        var environment: [String: ShellWord] = [:]
        let words = expand(command.words, variables: variables, makeSyntax: makeSyntax)
        return recognize(words[...], command: command, environment: &environment, variables: variables, makeSyntax: makeSyntax)
    }

    // MARK: Variable expansion

    /// Replaces words that are a single known variable by the words of its value (the
    /// value of a quoted `"$VAR"` stays one word), and substitutes known variables
    /// inside other words. Replacement words keep the original word's position.
    public static func expand(_ words: [ShellWord], variables: [String: String], makeSyntax: Bool) -> [ShellWord] {
        guard !variables.isEmpty else { return words }
        var out: [ShellWord] = []
        for word in words {
            out.append(contentsOf: expand(word, variables: variables, makeSyntax: makeSyntax, budget: 4))
        }
        return out
    }

    private static func expand(_ word: ShellWord, variables: [String: String], makeSyntax: Bool, budget: Int) -> [ShellWord] {
        guard word.hasExpansion, budget > 0 else { return [word] }
        if let name = word.soleVariable(makeSyntax: makeSyntax), let value = variables[name] {
            if word.raw.hasPrefix("\"") {
                return [ShellWord(text: value, raw: word.raw, offset: word.offset, endOffset: word.endOffset,
                                  isQuoted: true, hasExpansion: value.contains("$"))]
            }
            let parsed = ShellSplitter.split(value)
            let parts = parsed.commands.first(where: { $0.depth == 0 })?.words ?? []
            return parts.flatMap { part -> [ShellWord] in
                let w = ShellWord(text: part.text, raw: word.raw, offset: word.offset, endOffset: word.endOffset,
                                  isQuoted: part.isQuoted, hasExpansion: part.hasExpansion)
                return expand(w, variables: variables, makeSyntax: makeSyntax, budget: budget - 1)
            }
        }
        if let substituted = substitute(word.text, variables: variables, makeSyntax: makeSyntax) {
            var copy = word
            copy.text = substituted
            copy.hasExpansion = false
            return [copy]
        }
        return [word]
    }

    /// The text with every `$NAME`/`${NAME}`/`${NAME:-default}` replaced, or nil when
    /// some expansion cannot be resolved.
    static func substitute(_ text: String, variables: [String: String], makeSyntax: Bool) -> String? {
        let b = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        func isName(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
        }
        while i < b.count {
            guard b[i] == 0x24, i + 1 < b.count else {
                out.append(b[i])
                i += 1
                continue
            }
            let n = b[i + 1]
            if n == 0x7B || (makeSyntax && n == 0x28) {
                let close: UInt8 = n == 0x7B ? 0x7D : 0x29
                guard let end = b[(i + 2)...].firstIndex(of: close) else { return nil }
                let inner = String(decoding: b[(i + 2)..<end], as: UTF8.self)
                var name = inner
                var fallback: String?
                if let range = inner.firstRange(of: ":-") ?? inner.firstRange(of: "-") {
                    name = String(inner[..<range.lowerBound])
                    fallback = String(inner[range.upperBound...])
                }
                guard !name.isEmpty, name.utf8.allSatisfy(isName) else { return nil }
                guard let value = variables[name] ?? fallback else { return nil }
                out.append(contentsOf: value.utf8)
                i = end + 1
            } else if isName(n), !(n >= 0x30 && n <= 0x39) {
                var j = i + 1
                while j < b.count, isName(b[j]) { j += 1 }
                let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
                guard let value = variables[name] else { return nil }
                out.append(contentsOf: value.utf8)
                i = j
            } else {
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Prefixes and wrappers

    static let keywords: Set<String> = ["if", "then", "else", "elif", "do", "while", "until", "!", "{", "time"]

    static func isAssignment(_ text: String) -> String? {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
        let name = text[..<eq]
        guard let first = name.first, first == "_" || first.isASCIILetter,
              name.allSatisfy({ $0 == "_" || $0.isASCIILetter || $0.isASCIIDigit }) else { return nil }
        return String(name)
    }

    public static func basename(_ text: String) -> String {
        var name = text.split(separator: "/").last.map(String.init) ?? text
        if name.lowercased().hasSuffix(".exe") { name = String(name.dropLast(4)) }
        return name
    }

    private static func recognize(_ input: ArraySlice<ShellWord>, command: ShellCommand, environment: inout [String: ShellWord],
                                  variables: [String: String], makeSyntax: Bool) -> InstallCommand? {
        var words = input
        // Keywords, assignments and wrappers before the program.
        while let first = words.first {
            let text = first.text
            if keywords.contains(text) && !first.isQuoted {
                words = words.dropFirst()
            } else if let name = isAssignment(text), !first.isQuoted || first.raw.hasPrefix(name) {
                environment[name] = first
                words = words.dropFirst()
            } else {
                break
            }
        }
        guard let program = words.first else { return nil }
        let name = basename(program.text)
        let rest = words.dropFirst()
        switch name {
        case "sudo":
            return recognize(skipOptions(rest, valued: ["-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T",
                                                        "--user", "--group", "--host", "--prompt", "--chdir", "--role", "--type", "--other-user"]),
                             command: command, environment: &environment, variables: variables, makeSyntax: makeSyntax)
        case "env":
            var r = rest
            while let w = r.first {
                if w.text == "-u" || w.text == "--unset" || w.text == "-C" || w.text == "--chdir" || w.text == "-S" {
                    r = r.dropFirst(2)
                } else if w.text.hasPrefix("-") {
                    r = r.dropFirst()
                } else if let n = isAssignment(w.text) {
                    environment[n] = w
                    r = r.dropFirst()
                } else {
                    break
                }
            }
            return recognize(r, command: command, environment: &environment, variables: variables, makeSyntax: makeSyntax)
        case "nohup", "exec", "command", "builtin", "time":
            return recognize(skipOptions(rest, valued: []), command: command, environment: &environment, variables: variables, makeSyntax: makeSyntax)
        case "nice":
            return recognize(skipOptions(rest, valued: ["-n", "--adjustment"]), command: command, environment: &environment,
                             variables: variables, makeSyntax: makeSyntax)
        case "poetry", "pipenv", "pdm", "hatch", "rye":
            guard rest.first?.text == "run" else { return nil }
            return recognize(skipOptions(rest.dropFirst(), valued: ["-e", "--env"]), command: command, environment: &environment,
                             variables: variables, makeSyntax: makeSyntax)
        default:
            break
        }
        return recognizeProgram(name: name, program: program, rest: rest, command: command, environment: environment,
                                variables: variables, makeSyntax: makeSyntax)
    }

    /// Drops leading options (and the values of `valued` ones) and a `--`.
    static func skipOptions(_ words: ArraySlice<ShellWord>, valued: Set<String>) -> ArraySlice<ShellWord> {
        var r = words
        while let w = r.first, w.text.hasPrefix("-"), w.text.count > 1 {
            r = r.dropFirst()
            if w.text == "--" { break }
            if valued.contains(w.text) { r = r.dropFirst() }
        }
        return r
    }

    public static func isPythonInterpreter(_ name: String) -> Bool {
        if name == "{sys.executable}" || name == "py" { return true }
        for prefix in ["python", "pypy"] where name.hasPrefix(prefix) {
            let tail = name.dropFirst(prefix.count)
            return tail.allSatisfy { $0.isASCIIDigit || $0 == "." }
        }
        return false
    }

    public static func isPip(_ name: String) -> Bool {
        guard name.hasPrefix("pip") else { return false }
        return name.dropFirst(3).allSatisfy { $0.isASCIIDigit || $0 == "." }
    }

    private static func recognizeProgram(name: String, program: ShellWord, rest: ArraySlice<ShellWord>, command: ShellCommand,
                                         environment: [String: ShellWord], variables: [String: String], makeSyntax: Bool) -> InstallCommand? {
        var environment = environment
        if isPip(name) {
            return pipLike(.pip, display: name, rest: rest, command: command, environment: environment)
        }
        if isPythonInterpreter(name) {
            // Interpreter options up to -m pip.
            var r = rest
            while let w = r.first, w.text.hasPrefix("-") {
                if w.text == "-m" {
                    guard let module = r.dropFirst().first else { return nil }
                    if isPip(module.text) {
                        return pipLike(.pip, display: "\(name) -m \(module.text)", rest: r.dropFirst(2), command: command, environment: environment)
                    }
                    if module.text == "uv" {
                        return uv(display: "\(name) -m uv", rest: r.dropFirst(2), command: command, environment: environment)
                    }
                    return nil
                }
                if w.text.hasPrefix("-m") {
                    let module = String(w.text.dropFirst(2))
                    return isPip(module) ? pipLike(.pip, display: "\(name) -m \(module)", rest: r.dropFirst(), command: command, environment: environment) : nil
                }
                if w.text == "-c" || w.text.hasPrefix("-c") { return nil }
                r = r.dropFirst(w.text == "-X" || w.text == "-W" ? 2 : 1)
            }
            return nil
        }
        switch name {
        case "uv":
            return uv(display: "uv", rest: rest, command: command, environment: environment)
        case "pipx":
            return pipx(rest: rest, command: command, environment: environment)
        case "conda", "mamba", "micromamba":
            let tool: PackageTool = name == "conda" ? .conda : name == "mamba" ? .mamba : .micromamba
            var r = skipOptions(rest, valued: ["-r", "--root-prefix", "--rc-file", "--log-level"])
            guard let sub = r.first else { return nil }
            r = r.dropFirst()
            if sub.text == "run" {
                r = skipOptions(r, valued: ["-n", "--name", "-p", "--prefix", "--cwd", "-a", "--attach"])
                return recognize(r, command: command, environment: &environment, variables: variables, makeSyntax: makeSyntax)
            }
            guard sub.text == "install" || sub.text == "create" else { return nil }
            return parse(tool: tool, display: "\(name) \(sub.text)", subcommand: sub.text, args: r, command: command, environment: environment,
                         valued: condaValued, shortValued: condaShortValued)
        case "apt-get", "apt", "aptitude":
            let tool: PackageTool = name == "apt-get" ? .aptGet : name == "apt" ? .apt : .aptitude
            return system(tool, display: name, subcommands: ["install"], rest: rest, command: command, environment: environment,
                          valued: ["-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release"], shortValued: ["o", "c", "t"])
        case "yum", "dnf", "microdnf", "tdnf":
            let tool: PackageTool = name == "yum" ? .yum : name == "dnf" ? .dnf : .microdnf
            return system(tool, display: name, subcommands: ["install"], rest: rest, command: command, environment: environment,
                          valued: ["-x", "--exclude", "--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever",
                                   "-c", "--config", "--repo", "--repoid", "--repofrompath", "--enable-repo", "--disable-repo", "-d", "--debuglevel",
                                   "-e", "--errorlevel", "--forcearch", "--downloaddir", "--destdir"],
                          shortValued: ["x", "c", "d", "e"])
        case "apk":
            return system(.apk, display: name, subcommands: ["add"], rest: rest, command: command, environment: environment,
                          valued: ["-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--keys-dir", "--cache-dir",
                                   "--repositories-file", "--cache-max-age", "--timeout"], shortValued: ["t", "X", "p"])
        default:
            return nil
        }
    }

    // MARK: Tools

    static let pipGlobalValued: Set<String> = ["--proxy", "--retries", "--timeout", "--cache-dir", "--log", "--log-file", "--python",
                                               "--trusted-host", "--cert", "--client-cert", "--exists-action", "--use-feature",
                                               "--use-deprecated", "--keyring-provider", "--progress-bar", "--resume-retries"]

    static let pipValued: Set<String> = [
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--platform", "--python-version",
        "--implementation", "--abi", "--root", "--prefix", "--src", "--upgrade-strategy", "-C", "--config-settings", "--config-setting",
        "--global-option", "--install-option", "--build-option", "--no-binary", "--only-binary", "--progress-bar", "--root-user-action",
        "--report", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host", "--proxy", "--retries",
        "--timeout", "--exists-action", "--cert", "--client-cert", "--cache-dir", "--log", "--log-file", "--python",
        "--keyring-provider", "--use-feature", "--use-deprecated", "--group",
        // uv pip
        "--override", "--overrides", "-b", "--build-constraint", "--build-constraints", "--index", "--default-index", "--index-strategy",
        "--resolution", "--prerelease", "--exclude-newer", "-P", "--upgrade-package", "--reinstall-package", "--refresh-package",
        "--no-build-isolation-package", "--python-platform", "--link-mode", "--extra", "--torch-backend", "--color", "--directory",
        "--project", "--config-file", "--allow-insecure-host", "-p", "--no-binary-package", "--only-binary-package",
        // pipx / uv tool
        "--pip-args", "--suffix", "--preinstall", "--with", "--from", "--with-requirements", "--with-editable",
    ]
    static let pipShortValued: Set<Character> = ["r", "c", "e", "t", "i", "f", "C", "b", "p", "P"]

    static let condaValued: Set<String> = [
        "-c", "--channel", "-n", "--name", "-p", "--prefix", "-f", "--file", "--solver", "--repodata-fn", "--platform", "--subdir",
        "--clone", "--revision", "--experimental", "--channel-priority", "-r", "--root-prefix", "--rc-file", "--log-level",
        "--category", "--channel-alias", "--env", "--override-channels-with",
    ]
    static let condaShortValued: Set<Character> = ["c", "n", "p", "f", "r"]

    private static func pipLike(_ tool: PackageTool, display: String, rest: ArraySlice<ShellWord>, command: ShellCommand,
                                environment: [String: ShellWord]) -> InstallCommand? {
        let r = skipOptions(rest, valued: pipGlobalValued)
        guard let sub = r.first, sub.text == "install" else { return nil }
        return parse(tool: tool, display: "\(display) install", subcommand: "install", args: r.dropFirst(), command: command,
                     environment: environment, valued: pipValued, shortValued: pipShortValued)
    }

    static let uvGlobalValued: Set<String> = ["--cache-dir", "--directory", "--project", "--config-file", "--color",
                                              "--python-preference", "--python-fetch", "--allow-insecure-host"]

    /// Options of `uv add` that take a value.
    static let uvAddValued: Set<String> = ["--group", "--optional", "--extra", "--package", "--script", "--bounds", "--tag", "--branch",
                                           "--rev", "--marker", "--index", "--default-index", "--python", "--constraints", "--requirements"]

    private static func uv(display: String, rest: ArraySlice<ShellWord>, command: ShellCommand, environment: [String: ShellWord]) -> InstallCommand? {
        var r = skipOptions(rest, valued: uvGlobalValued)
        guard let sub = r.first else { return nil }
        r = r.dropFirst()
        if sub.text == "pip" {
            r = skipOptions(r, valued: uvGlobalValued)
            guard let action = r.first, action.text == "install" else { return nil }
            return parse(tool: .uvPip, display: "\(display) pip install", subcommand: "install", args: r.dropFirst(), command: command,
                         environment: environment, valued: pipValued, shortValued: pipShortValued)
        }
        if sub.text == "add" {
            // `uv add NAME` resolves the newest allowed version, writes it to pyproject.toml and the lock.
            return parse(tool: .uvPip, display: "\(display) add", subcommand: "add", args: r, command: command,
                         environment: environment, valued: pipValued.union(uvAddValued), shortValued: pipShortValued)
        }
        if sub.text == "tool" {
            r = skipOptions(r, valued: uvGlobalValued)
            guard let action = r.first, action.text == "install" else { return nil }
            return parse(tool: .uvTool, display: "\(display) tool install", subcommand: "install", args: r.dropFirst(), command: command,
                         environment: environment, valued: pipValued, shortValued: pipShortValued)
        }
        return nil
    }

    private static func pipx(rest: ArraySlice<ShellWord>, command: ShellCommand, environment: [String: ShellWord]) -> InstallCommand? {
        let r = skipOptions(rest, valued: [])
        guard let sub = r.first, sub.text == "install" || sub.text == "inject" else { return nil }
        guard var parsed = parse(tool: .pipx, display: "pipx \(sub.text)", subcommand: sub.text, args: r.dropFirst(), command: command,
                                 environment: environment, valued: pipValued, shortValued: pipShortValued) else { return nil }
        if sub.text == "inject", !parsed.packages.isEmpty { parsed.packages.removeFirst() } // the target venv
        return parsed
    }

    private static func system(_ tool: PackageTool, display: String, subcommands: Set<String>, rest: ArraySlice<ShellWord>,
                               command: ShellCommand, environment: [String: ShellWord], valued: Set<String>, shortValued: Set<Character>) -> InstallCommand? {
        // Options may come before the subcommand (`apt-get -y install`).
        var r = rest
        var leading: [ShellWord] = []
        while let w = r.first, w.text.hasPrefix("-") {
            leading.append(w)
            r = r.dropFirst()
            if valued.contains(w.text), let v = r.first {
                leading.append(v)
                r = r.dropFirst()
            }
        }
        guard let sub = r.first, subcommands.contains(sub.text) else { return nil }
        let args = ArraySlice(leading + Array(r.dropFirst()))
        return parse(tool: tool, display: "\(display) \(sub.text)", subcommand: sub.text, args: args, command: command,
                     environment: environment, valued: valued, shortValued: shortValued)
    }

    /// Splits arguments into options (with values) and positionals.
    private static func parse(tool: PackageTool, display: String, subcommand: String, args: ArraySlice<ShellWord>, command: ShellCommand,
                              environment: [String: ShellWord], valued: Set<String>, shortValued: Set<Character>) -> InstallCommand? {
        var result = InstallCommand(tool: tool, displayName: display, subcommand: subcommand, packages: [], editables: [], options: [],
                                    environment: environment, command: command)
        var r = args
        var onlyPositionals = false
        while let w = r.first {
            r = r.dropFirst()
            let t = w.text
            if onlyPositionals || !t.hasPrefix("-") || t == "-" {
                result.packages.append(w)
                continue
            }
            if t == "--" {
                onlyPositionals = true
                continue
            }
            var option = InstallOption(name: t, word: w, value: nil, valueWord: nil)
            if t.hasPrefix("--") {
                if let eq = t.firstIndex(of: "=") {
                    option.name = String(t[..<eq])
                    option.value = String(t[t.index(after: eq)...])
                    option.valueWord = w
                } else if valued.contains(t), let v = r.first {
                    option.value = v.text
                    option.valueWord = v
                    r = r.dropFirst()
                }
            } else {
                // A cluster of short options: the first one that takes a value ends it.
                let letters = Array(t.dropFirst())
                for (k, letter) in letters.enumerated() where shortValued.contains(letter) {
                    let remainder = String(letters[(k + 1)...])
                    if k > 0 {
                        result.options.append(InstallOption(name: "-" + String(letters[..<k]), word: w, value: nil, valueWord: nil))
                    }
                    option.name = "-\(letter)"
                    if !remainder.isEmpty {
                        option.value = remainder.hasPrefix("=") ? String(remainder.dropFirst()) : remainder
                        option.valueWord = w
                    } else if let v = r.first {
                        option.value = v.text
                        option.valueWord = v
                        r = r.dropFirst()
                    }
                    break
                }
            }
            if option.name == "-e" || option.name == "--editable", let v = option.valueWord {
                var editable = v
                if v == w { // -e./pkg or --editable=./pkg
                    editable.text = option.value ?? ""
                }
                result.editables.append(editable)
            }
            result.options.append(option)
        }
        return result
    }
}
