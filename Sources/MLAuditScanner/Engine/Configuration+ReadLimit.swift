import MLAuditCore

extension Configuration {
    /// The largest file of this kind that is read, in bytes.
    func readLimit(for kind: FileKind) -> Int {
        kind == .notebook ? maxNotebookSize : maxFileSize
    }
}
