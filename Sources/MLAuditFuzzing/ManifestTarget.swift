import MLAuditDiff

/// An mlaudit manifest (`mlaudit snapshot` output) read back as `mlaudit diff` reads it.
enum ManifestTarget {
    static func run(_ bytes: [UInt8]) {
        DiffReadersTarget.read(format: .manifest, content: bytes[...])
    }
}
