import MLAuditCore
import MLAuditParsers

/// Paths in the values of INI/`.cfg` files (setup.cfg, tox.ini, pip.conf): `key = value`
/// or `key: value` lines and their indented continuation lines. Comment lines (`#`,
/// `;`) and inline comments after a blank are skipped; section headers are not values.
enum INIPathSites {
    static func check(_ file: FileContext, _ reporter: PathReporter) {
        guard PathClassifier.mayHoldPath(file.bytes) else { return }
        var key: String?
        for line in 1...max(1, file.lineCount) {
            let bytes = file.lineBytes(line)
            var i = bytes.startIndex
            while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i < bytes.endIndex, bytes[i] != UInt8(ascii: "#"), bytes[i] != UInt8(ascii: ";") else { continue }
            var value = i
            if i == bytes.startIndex {
                key = nil
                if bytes[i] == UInt8(ascii: "[") { continue }
                guard let separator = bytes[i...].firstIndex(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ":") }) else { continue }
                key = String(decoding: bytes[i..<separator], as: UTF8.self).trimmingINIBlanks()
                value = separator + 1
            } else if key == nil {
                continue
            }
            var end = value
            while end < bytes.endIndex {
                if bytes[end] == UInt8(ascii: "#") || bytes[end] == UInt8(ascii: ";"), end > value,
                   bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { break }
                end += 1
            }
            guard PathClassifier.mayHoldPath(bytes[value..<end]) else { continue }
            reporter.check(PathSite(text: MappedText(bytes[value..<end], fileOffset: value), name: key))
        }
    }
}
