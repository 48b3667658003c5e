/// A dpkg version `[epoch:]upstream[-revision]`, ordered as dpkg orders them:
/// epochs numerically, then upstream and revision by alternating non-digit runs
/// (where `~` sorts before everything, even the end of the string, and letters
/// before other characters) and digit runs compared as numbers.
/// Also used for apk's `1.2.3-r4`, whose ordering agrees on the versions seen in practice.
public struct DebianVersion: Comparable, Hashable, Sendable {
    public let text: String
    public let epoch: Int
    public let upstream: String
    public let revision: String

    public init(_ text: String) {
        self.text = text
        var rest = Substring(text.trimmed)
        var epoch = 0
        if let colon = rest.firstIndex(of: ":"), let value = Int(rest[..<colon]) {
            epoch = value
            rest = rest[rest.index(after: colon)...]
        }
        if let dash = rest.lastIndex(of: "-") {
            upstream = String(rest[..<dash])
            revision = String(rest[rest.index(after: dash)...])
        } else {
            upstream = String(rest)
            revision = ""
        }
        self.epoch = epoch
    }

    public static func == (a: DebianVersion, b: DebianVersion) -> Bool {
        a.epoch == b.epoch && compareParts(a.upstream, b.upstream) == 0 && compareParts(a.revision, b.revision) == 0
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(epoch) }

    public static func < (a: DebianVersion, b: DebianVersion) -> Bool {
        if a.epoch != b.epoch { return a.epoch < b.epoch }
        let upstream = compareParts(a.upstream, b.upstream)
        if upstream != 0 { return upstream < 0 }
        return compareParts(a.revision, b.revision) < 0
    }

    /// Sort weight of one character of a non-digit run; 0 stands for "end of run".
    private static func weight(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        if byte == UInt8(ascii: "~") { return -1 }
        if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) {
            return Int(byte)
        }
        return Int(byte) + 256
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func compareParts(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        var i = 0, j = 0
        while i < x.count || j < y.count {
            // Non-digit runs, character by character.
            while (i < x.count && !isDigit(x[i])) || (j < y.count && !isDigit(y[j])) {
                let wx = weight(i < x.count && !isDigit(x[i]) ? x[i] : nil)
                let wy = weight(j < y.count && !isDigit(y[j]) ? y[j] : nil)
                if wx != wy { return wx < wy ? -1 : 1 }
                if i < x.count && !isDigit(x[i]) { i += 1 }
                if j < y.count && !isDigit(y[j]) { j += 1 }
            }
            // Digit runs, as numbers (leading zeros ignored).
            while i < x.count && x[i] == UInt8(ascii: "0") { i += 1 }
            while j < y.count && y[j] == UInt8(ascii: "0") { j += 1 }
            let si = i, sj = j
            while i < x.count && isDigit(x[i]) { i += 1 }
            while j < y.count && isDigit(y[j]) { j += 1 }
            let lx = i - si, ly = j - sj
            if lx != ly { return lx < ly ? -1 : 1 }
            for k in 0 ..< lx where x[si + k] != y[sj + k] { return x[si + k] < y[sj + k] ? -1 : 1 }
        }
        return 0
    }
}
