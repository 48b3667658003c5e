import MLAuditCore

extension Configuration {
    /// The largest file of this kind that is read, in bytes, and the key that sets it.
    func readLimit(for kind: FileKind) -> (bytes: Int, key: String) {
        kind == .notebook ? (maxNotebookSize, "max-notebook-size") : (maxFileSize, "max-file-size")
    }
}
