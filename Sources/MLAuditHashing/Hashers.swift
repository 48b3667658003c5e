/// An incremental digest with value semantics: a copy continues independently.
public struct IncrementalDigest: Sendable {
    private var context: DigestContext

    public init(_ algorithm: DigestAlgorithm) { context = DigestContext(algorithm) }

    public var algorithm: DigestAlgorithm { context.algorithm }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        context.update(bytes)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ string: String) {
        var copy = string
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The digest of everything added so far; the value can be finalized only once.
    public mutating func finalize() -> [UInt8] {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        return context.finalize()
    }
}

// The context is only reached through the struct, which copies it before a
// shared one would be mutated.
extension DigestContext: @unchecked Sendable {}

/// SHA-256 (FIPS 180-4).
public struct SHA256: Sendable {
    private var digest = IncrementalDigest(.sha256)

    public init() {}

    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        bytes.withUnsafeBytes { hash($0) }
    }

    public static func hash(_ string: String) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(string)
        return hasher.finalize()
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) { digest.update(bytes) }
    public mutating func update(_ bytes: [UInt8]) { digest.update(bytes) }
    public mutating func update(_ string: String) { digest.update(string) }

    public mutating func finalize() -> SHA256Digest { SHA256Digest(bytes: digest.finalize()) }
}

/// A 32-byte SHA-256 digest.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 digest has 32 bytes")
        self.bytes = bytes
    }

    /// Lowercase hexadecimal, the form written into manifests.
    public var hex: String { HexEncoding.encode(bytes) }

    public var description: String { hex }
}

/// MD5 (RFC 1321), for DVC's checksums; not for security.
public struct MD5: Sendable {
    private var digest = IncrementalDigest(.md5)

    public init() {}

    public static func hash(_ bytes: [UInt8]) -> String {
        var hasher = MD5()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    public static func hash(_ string: String) -> String {
        var hasher = MD5()
        hasher.update(string)
        return hasher.finalizeHex()
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) { digest.update(bytes) }
    public mutating func update(_ bytes: [UInt8]) { digest.update(bytes) }
    public mutating func update(_ string: String) { digest.update(string) }

    public mutating func finalizeHex() -> String { HexEncoding.encode(digest.finalize()) }
}

/// Lowercase hexadecimal encoding of bytes.
public enum HexEncoding {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var index = 0
            for byte in bytes {
                out[index] = digits[Int(byte >> 4)]
                out[index + 1] = digits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }
}
