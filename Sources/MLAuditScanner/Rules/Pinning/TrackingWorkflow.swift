import MLAuditCore

/// A GitHub Actions workflow made to run against the newest or unreleased versions of
/// its dependencies, as its file name says (`nightly.yml`, `tests-main.yml`,
/// `tests_latest.yml`, `basic-tests-pytorch-rc.yml`, `tests_transformers_branch.yml`):
/// its unpinned installs are its purpose, so PIN002 and PIN004 leave them alone.
enum TrackingWorkflow {
    static let words: Set<Substring> = ["nightly", "latest", "main", "rc", "upstream", "canary", "branch"]

    static func isTracking(_ file: FileContext) -> Bool {
        guard file.kind == .githubWorkflow else { return false }
        var stem = Substring(RelativePath.name(of: file.relativePath))
        if let dot = stem.lastIndex(of: ".") { stem = stem[..<dot] }
        let parts = stem.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
        // `main.yml` alone is GitHub's default name for a project's own CI, not a tracking job.
        if parts == ["main"] { return false }
        return parts.contains { words.contains($0) }
    }
}
