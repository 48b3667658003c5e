import CLibCrypto

/// The checksums data declarations use: SHA-256 (the mlaudit manifest) and MD5
/// (DVC, and manifests written for compatibility with it).
public enum DigestAlgorithm: String, Sendable, Hashable, CaseIterable {
    case sha256
    case md5

    /// Length of the digest in bytes.
    public var byteCount: Int {
        switch self {
        case .sha256: 32
        case .md5: 16
        }
    }

    /// Length of the digest written in hexadecimal.
    public var hexLength: Int { byteCount * 2 }

    /// The libcrypto implementation, fetched once per process: an explicit fetch
    /// avoids the provider lookup an implicit one repeats at every initialisation.
    var implementation: EVPDigest {
        switch self {
        case .sha256: EVPDigest.sha256
        case .md5: EVPDigest.md5
        }
    }
}

/// A libcrypto `EVP_MD`, immutable once fetched and safe to share between threads.
struct EVPDigest: @unchecked Sendable {
    let pointer: OpaquePointer

    static let sha256 = EVPDigest(name: "SHA256", fallback: EVP_sha256())
    static let md5 = EVPDigest(name: "MD5", fallback: EVP_md5())

    private init(name: String, fallback: OpaquePointer?) {
        guard let fetched = EVP_MD_fetch(nil, name, nil) ?? fallback else {
            preconditionFailure("libcrypto provides no \(name) implementation")
        }
        pointer = fetched
    }
}
