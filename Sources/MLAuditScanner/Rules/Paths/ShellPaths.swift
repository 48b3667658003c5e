import MLAuditCore
import MLAuditParsers

/// Paths in the words of shell scripts, Makefile recipes and notebook `!` lines.
/// `$HOME/…` and `${HOME}/…` are home-relative like `~/…`.
enum ShellPaths {
    static func check(_ file: FileContext, _ reporter: inout PathReporter) {
        for parsed in file.shellRegions {
            for command in parsed.commands {
                for word in command.words {
                    var text = word.text
                    var homeVariable = false
                    for prefix in ["$HOME/", "${HOME}/"] where text.hasPrefix(prefix) {
                        text = "~/" + text.dropFirst(prefix.count)
                        homeVariable = true
                    }
                    let quote = word.raw.first == "\"" || word.raw.first == "'" ? 1 : 0
                    for match in PathClassifier.matches(in: Array(text.utf8)) {
                        let offset = homeVariable ? word.offset : word.offset + quote + match.offset
                        reporter.report(match, atFileByte: min(offset, max(word.endOffset - 1, word.offset)), cell: parsed.cell)
                    }
                }
            }
        }
    }
}
