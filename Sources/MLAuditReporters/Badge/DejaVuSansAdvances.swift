// GENERATED FILE: do not edit by hand.
// Source: ../shared/schemas/badge-char-advances-dejavu-sans.json (glyph advances read with fontTools
// from DejaVuSans.ttf, DejaVu 2.37, Debian fonts-dejavu-core; Bitstream Vera / DejaVu licence, redistributable).
// Generated with a short python3 script: json.load, then one Swift array entry per code point,
// U+0020...U+007E followed by U+00A0...U+00FF, in code-point order (see docs/badge.md).

/// Horizontal advances of DejaVu Sans Book glyphs, in font units.
enum DejaVuSansAdvances {
    static let unitsPerEm = 2048
    /// Advance of 'm' (U+006D), used for any code point not in the table.
    static let fallback = 1995
    /// Control characters take no width.
    static let control = 0
    /// U+0020...U+007E, indexed by code point − 0x20.
    static let ascii: [Int] = [
        651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
        1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
        2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
        1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
        1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
        1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
    ]
    /// U+00A0...U+00FF, indexed by code point − 0xA0.
    static let latin1: [Int] = [
        651, 821, 1303, 1303, 1303, 1303, 690, 1024, 1024, 2048, 965, 1253, 1716, 739, 2048, 1024,
        1024, 1716, 821, 821, 1024, 1303, 1303, 651, 1024, 821, 965, 1253, 1985, 1985, 1985, 1087,
        1401, 1401, 1401, 1401, 1401, 1401, 1995, 1430, 1294, 1294, 1294, 1294, 604, 604, 604, 604,
        1587, 1532, 1612, 1612, 1612, 1612, 1612, 1716, 1612, 1499, 1499, 1499, 1499, 1251, 1239, 1290,
        1255, 1255, 1255, 1255, 1255, 1255, 2011, 1126, 1260, 1260, 1260, 1260, 569, 569, 569, 569,
        1253, 1298, 1253, 1253, 1253, 1253, 1253, 1716, 1253, 1298, 1298, 1298, 1298, 1212, 1300, 1212,
    ]
}
