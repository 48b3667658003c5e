/// A version identifier as PEP 440 defines it: `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`.
///
/// Parsing accepts every spelling PEP 440 normalises (case, a leading `v`, `-`/`_`/`.`
/// separators, `alpha`/`beta`/`c`/`pre`/`preview`/`rev`/`r`, implicit numbers, the
/// implicit post release `1.0-1`, surrounding whitespace); `description` is the
/// normalised form. Equality and ordering follow PEP 440, so `1.0 == 1.0.0`.
public struct PEP440Version: Sendable, CustomStringConvertible {
    public var epoch: Int
    /// The release numbers as written (trailing zeros kept; never empty).
    public var release: [Int]
    public var pre: PreRelease?
    public var post: Int?
    public var dev: Int?
    /// The local version label's segments; empty when there is none.
    public var local: [LocalSegment]

    public init(epoch: Int = 0, release: [Int], pre: PreRelease? = nil, post: Int? = nil, dev: Int? = nil,
                local: [LocalSegment] = []) {
        precondition(!release.isEmpty, "a version needs at least one release number")
        self.epoch = epoch
        self.release = release
        self.pre = pre
        self.post = post
        self.dev = dev
        self.local = local
    }

    /// Parses and normalises `text`; nil when it is not a PEP 440 version (or a
    /// number in it does not fit in an `Int`).
    public init?(_ text: String) {
        guard let parsed = PEP440VersionParser.parse(text.utf8) else { return nil }
        self = parsed
    }

    public init?(_ text: Substring) {
        guard let parsed = PEP440VersionParser.parse(text.utf8) else { return nil }
        self = parsed
    }

    /// A pre-release or a development release.
    public var isPrerelease: Bool { pre != nil || dev != nil }
    public var isPostRelease: Bool { post != nil }
    public var isDevRelease: Bool { dev != nil }

    /// The version without its local label.
    public var publicVersion: PEP440Version {
        var copy = self
        copy.local = []
        return copy
    }

    /// Epoch and release only.
    public var baseVersion: PEP440Version { PEP440Version(epoch: epoch, release: release) }

    /// The release number at `index`, zero past the written ones (PEP 440 padding).
    public func releaseNumber(at index: Int) -> Int { index < release.count ? release[index] : 0 }

    public var description: String {
        var out = epoch == 0 ? "" : String(epoch) + "!"
        for (index, number) in release.enumerated() {
            if index > 0 { out += "." }
            out += String(number)
        }
        if let pre { out += pre.description }
        if let post { out += ".post" + String(post) }
        if let dev { out += ".dev" + String(dev) }
        if !local.isEmpty { out += "+" + local.map(\.description).joined(separator: ".") }
        return out
    }
}
