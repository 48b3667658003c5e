/// The pre-commit and GitHub Actions set-ups `mlaudit init` suggests, matching the
/// hook IDs of .pre-commit-hooks.yaml and the inputs of action.yml (both install the
/// prebuilt wheel, so neither needs Swift).
public enum IntegrationSnippets {
    /// `<commit-sha>` marks where the commit of the release goes (PIN008 asks for full SHAs).
    public static let preCommit = """
    # .pre-commit-config.yaml
    repos:
      - repo: \(MLAuditVersion.informationURI)
        rev: <commit-sha>  # v\(MLAuditVersion.current)
        hooks:
          - id: mlaudit          # project-wide rules over the files git tracks
          - id: mlaudit-files    # per-file checks on the files being committed

    """

    public static let githubActions = """
    # .github/workflows/mlaudit.yml
    name: mlaudit
    on: [push, pull_request]
    permissions:
      contents: read
      security-events: write
    jobs:
      mlaudit:
        runs-on: ubuntu-24.04
        steps:
          - uses: actions/checkout@<commit-sha>  # v4
          - uses: \(actionReference)@<commit-sha>  # v\(MLAuditVersion.current)
            with:
              fail-on: error

    """

    /// `owner/name` of the repository that is also the GitHub Action.
    public static var actionReference: String {
        String(MLAuditVersion.informationURI.split(separator: "/").suffix(2).joined(separator: "/"))
    }
}
