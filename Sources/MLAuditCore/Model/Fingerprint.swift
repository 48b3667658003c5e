/// Stable fingerprints for findings: the same on every machine and run
/// (unlike Swift's seeded `Hasher`), and unchanged when lines shift.
public enum Fingerprint {
    /// 64-bit FNV-1a of the parts, joined with a separator byte, as 16 hex digits.
    public static func of(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, part) in parts.enumerated() {
            if i > 0 {
                hash ^= 0x1F
                hash = hash &* 0x0000_0100_0000_01B3
            }
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Identifies a finding independently of its line number: rule, path and the
    /// normalized content of the offending line.
    public static func of(_ finding: Finding) -> String {
        of([finding.ruleID, finding.location.path, finding.lineContent])
    }

    /// One fingerprint per finding, distinct even for findings of one rule on one line
    /// (two unpinned packages in one install command): the first keeps `of(finding)`,
    /// the n-th repeat (in report order) gets `of([base, "n"])`.
    public static func distinct(_ findings: [Finding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let base = of(finding)
            let n = seen[base, default: 0]
            seen[base] = n + 1
            return n == 0 ? base : of([base, String(n)])
        }
    }
}
