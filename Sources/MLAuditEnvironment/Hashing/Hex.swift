/// Recognises hexadecimal digests and object names.
enum Hex {
    /// Whether `text` is exactly `length` lowercase or uppercase hex digits.
    static func isHex(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
        }
    }
}
