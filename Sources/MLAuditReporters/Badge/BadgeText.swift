/// Text width for badge layout, from the compiled DejaVu Sans advances.
public enum BadgeText {
    /// Font size the flat badge's text is drawn (and measured) at.
    public static let fontSize = 11

    /// Advance of one code point in font units (no kerning).
    static func advance(_ scalar: Unicode.Scalar) -> Int {
        let v = Int(scalar.value)
        switch v {
        case 0x20...0x7E: return DejaVuSansAdvances.ascii[v - 0x20]
        case 0xA0...0xFF: return DejaVuSansAdvances.latin1[v - 0xA0]
        case 0x00..<0x20, 0x7F..<0xA0: return DejaVuSansAdvances.control
        default: return DejaVuSansAdvances.fallback
        }
    }

    /// The exact width in px at `fontSize`.
    public static func preciseWidth(_ text: String, fontSize: Int = fontSize) -> Double {
        let units = text.unicodeScalars.reduce(0) { $0 + advance($1) }
        return Double(units * fontSize) / Double(DejaVuSansAdvances.unitsPerEm)
    }

    /// Shields' layout width: the width at 11 px, truncated, bumped to the next odd integer.
    public static func width(_ text: String) -> Int {
        let units = text.unicodeScalars.reduce(0) { $0 + advance($1) }
        let truncated = units * fontSize / DejaVuSansAdvances.unitsPerEm
        return truncated % 2 == 0 ? truncated + 1 : truncated
    }
}
