/// PyPI project names compared the PEP 503 way: lower case, runs of `-`, `_`, `.` as one `-`.
public enum PackageName {
    public static func normalized(_ name: some StringProtocol) -> String {
        if isNormalized(name.utf8) { return String(name) }
        var out = ""
        out.reserveCapacity(name.utf8.count)
        var pendingSeparator = false
        for scalar in name.unicodeScalars {
            if scalar == "-" || scalar == "_" || scalar == "." {
                pendingSeparator = !out.isEmpty
                continue
            }
            if pendingSeparator { out.append("-"); pendingSeparator = false }
            if scalar.value >= 0x41 && scalar.value <= 0x5A {
                out.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20)!)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension PackageName {
    /// Already lower case, with single `-` separators only inside (the common case: most recordings store normalised names).
    static func isNormalized(_ bytes: some Collection<UInt8>) -> Bool {
        var previous: UInt8 = UInt8(ascii: "-")
        for byte in bytes {
            let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if byte == UInt8(ascii: "-") {
                if previous == UInt8(ascii: "-") { return false }
            } else if !isLower && !isDigit {
                return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: "-")
    }
}

/// CPU architecture names as different tools spell them, reduced to one spelling.
public enum Architecture {
    public static func normalized(_ name: String) -> String {
        switch name.lowercased() {
        case "amd64", "x86-64", "x64", "x86_64", "64": "x86_64"
        case "arm64", "aarch64", "arm64e": "aarch64"
        case "i386", "i486", "i586", "i686", "x86", "32": "x86"
        case "ppc64le", "powerpc64le": "ppc64le"
        default: name.lowercased()
        }
    }
}

/// Operating-system family names (`linux`, `Linux`, `darwin`, `osx`…) reduced to one spelling.
public enum SystemName {
    public static func normalized(_ name: String) -> String {
        switch name.lowercased() {
        case "linux": "Linux"
        case "darwin", "macos", "osx", "mac os x": "Darwin"
        case "windows", "win32", "win", "win64", "nt": "Windows"
        default: name
        }
    }
}
