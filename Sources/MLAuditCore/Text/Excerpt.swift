/// Text from an input quoted in a message: redacted and cut short, so an error
/// about a file can never carry more than a few words of it.
public enum Excerpt {
    public static let defaultLimit = 80

    public static func quote<S: StringProtocol>(_ text: S, limit: Int = defaultLimit) -> String {
        // Redacted before the cut (a token cut in half no longer looks like one), on a
        // window a little longer than the limit so the work stays bounded.
        let window = String(text.prefix(limit * 4))
        let cleaned = String(String.UnicodeScalarView(window.unicodeScalars.map {
            // Control characters (a newline, an escape) would forge or colour a terminal line.
            $0.value < 0x20 || $0.value == 0x7F || ($0.value >= 0x80 && $0.value < 0xA0) ? " " : $0
        }))
        let redacted = Redaction.redactText(Redaction.maskQueryTokens(cleaned))
        guard redacted.count > limit || text.count > window.count else { return redacted }
        return String(redacted.prefix(limit)) + "…"
    }
}
