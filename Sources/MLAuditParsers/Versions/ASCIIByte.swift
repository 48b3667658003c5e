/// ASCII byte classes shared by the version, specifier and marker parsers.
enum ASCIIByte {
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }

    /// Space, tab, line feed, vertical tab, form feed, carriage return.
    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// `-`, `_` or `.`, the separators PEP 440 allows between version parts.
    static func isSeparator(_ b: UInt8) -> Bool { b == 0x2D || b == 0x5F || b == 0x2E }

    static func lowercased(_ b: UInt8) -> UInt8 { isLetter(b) ? b | 0x20 : b }
}

/// The comparison operators PEP 440 specifiers and PEP 508 markers share.
enum ComparisonOperatorScanner {
    /// The operator spelled at `s` (`===`, `==`, `!=`, `~=`, `<=`, `<`, `>=`, `>`),
    /// `=` for a lone equals sign (a common mistake worth its own message), or nil.
    static func spelling(in bytes: UnsafeBufferPointer<UInt8>, at s: Int) -> String? {
        func at(_ k: Int) -> UInt8 { s + k < bytes.count ? bytes[s + k] : 0 }
        let eq: UInt8 = 0x3D
        switch at(0) {
        case eq where at(1) == eq && at(2) == eq: return "==="
        case eq where at(1) == eq: return "=="
        case eq: return "="
        case 0x21 where at(1) == eq: return "!="
        case 0x7E where at(1) == eq: return "~="
        case 0x3C where at(1) == eq: return "<="
        case 0x3C: return "<"
        case 0x3E where at(1) == eq: return ">="
        case 0x3E: return ">"
        default: return nil
        }
    }
}

extension Collection<UInt8> {
    /// Runs `body` on the bytes as one contiguous buffer, copying only when the
    /// collection is not stored contiguously.
    func withContiguousBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try withContiguousStorageIfAvailable(body) { return result }
        return try Array(self).withUnsafeBufferPointer(body)
    }
}
