import CLibCrypto

/// One running libcrypto digest computation.
final class DigestContext {
    let algorithm: DigestAlgorithm
    private let context: OpaquePointer

    init(_ algorithm: DigestAlgorithm) {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("libcrypto: out of memory") }
        guard EVP_DigestInit_ex(context, algorithm.implementation.pointer, nil) == 1 else {
            preconditionFailure("libcrypto: cannot initialise \(algorithm.rawValue)")
        }
        self.algorithm = algorithm
        self.context = context
    }

    private init(copying other: DigestContext) {
        guard let context = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(context, other.context) == 1 else {
            preconditionFailure("libcrypto: cannot copy a digest context")
        }
        self.algorithm = other.algorithm
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func copy() -> DigestContext { DigestContext(copying: self) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        guard EVP_DigestUpdate(context, base, bytes.count) == 1 else { preconditionFailure("libcrypto: digest update failed") }
    }

    func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &out, &length) == 1 else { preconditionFailure("libcrypto: digest finalisation failed") }
        return Array(out.prefix(Int(length)))
    }
}
