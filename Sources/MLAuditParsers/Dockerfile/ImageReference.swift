/// A container image reference: `[registry[:port]/]repository[:tag][@algorithm:digest]`.
public struct ImageReference: Sendable, Hashable {
    /// Registry and repository path, as written.
    public var name: String
    public var tag: String?
    /// `sha256:…` after `@`.
    public var digest: String?

    /// How firmly a reference fixes the image's content.
    public enum Pinning: Sendable, Hashable {
        /// `@sha256:…`: content-addressed.
        case digest
        /// A tag other than `latest`: mutable, but names a release.
        case tag(String)
        /// `:latest`.
        case latest
        /// No tag at all (Docker reads it as `latest`).
        case none
        /// `scratch`: the empty image.
        case scratch
    }

    public init(_ text: String) {
        var rest = Substring(text.blankTrimmed)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        let searchFrom = lastSlash.map { rest.index(after: $0) } ?? rest.startIndex
        if let colon = rest[searchFrom...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        name = String(rest)
    }

    /// A digest of the form `algorithm:hex` (at least 32 hex digits).
    public var hasValidDigest: Bool {
        guard let digest, let colon = digest.firstIndex(of: ":") else { return false }
        let hex = digest[digest.index(after: colon)...]
        return hex.count >= 32 && hex.utf8.allSatisfy { PackageArguments.isHex($0) }
    }

    public var pinning: Pinning {
        if hasValidDigest { return .digest }
        if name.lowercased() == "scratch" && tag == nil { return .scratch }
        guard let tag, !tag.isEmpty else { return .none }
        return tag == "latest" ? .latest : .tag(tag)
    }
}
