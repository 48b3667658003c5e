import MLAuditCore

/// TOML as every TOML read goes (`TOMLReader`): the syntax check, then toml++ on
/// what it accepts. toml++ aborting on accepted text, or the check giving a place
/// outside the input, is a crash.
enum TOMLTarget {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lineCount = text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        if let failure = TOMLSyntax.check(text, limits: .init(maxDepth: 64, maxKeys: 10_000)) {
            invariant(failure.line >= 1 && failure.line <= lineCount && failure.column >= 1,
                      "syntax error at \(failure.line):\(failure.column) of \(lineCount) lines")
            return
        }
        do throws(TOMLReadError) {
            _ = try TOMLReader.parse(text)
        } catch {
            // Keys defined twice and redefined tables are left to toml++, which reports them.
            invariant(error.line >= 1 && error.column >= 1, "toml++ error at \(error.line):\(error.column)")
        }
    }
}
