import MLAuditCore

/// Replaces a file atomically through `OutputFile` (a temporary file made with
/// `O_CREAT|O_EXCL` beside it, flushed, then renamed). Errors name the target.
enum AtomicFileWriter {
    static func write(_ bytes: [UInt8], to path: String) throws {
        try OutputFile.write(bytes, to: path)
    }
}
