@testable import MLAuditEnvironment
import Testing

/// `.git` read by hand: worktrees, packed refs, detached HEAD.
@Suite struct GitRepositoryTests {
    static let commitA = String(repeating: "a", count: 40)
    static let commitB = String(repeating: "b", count: 40)

    @Test func worktreeWithPackedRefs() throws {
        let directory = try TemporaryDirectory()
        try directory.write("main/.git/config", "[remote \"origin\"]\n\turl = https://x:y@host/r.git\n")
        try directory.write("main/.git/packed-refs", "# pack-refs with: peeled\n\(Self.commitA) refs/heads/feature\n^\(Self.commitB)\n")
        try directory.write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/feature\n")
        try directory.write("main/.git/worktrees/wt/commondir", "../..\n")
        try directory.write("wt/.git", "gitdir: ../main/.git/worktrees/wt\n")
        try directory.makeDirectory("wt/src")

        let repository = try #require(try GitRepository.find(containing: directory.url("wt/src")))
        #expect(repository.workTree == directory.url("wt"))
        #expect(repository.gitDirectory == directory.url("main/.git/worktrees/wt"))
        #expect(repository.commonDirectory == directory.url("main/.git"))
        #expect(try repository.head() == .branch(ref: "refs/heads/feature", commit: Self.commitA))
        #expect(try repository.config().remotes["origin"] == "https://x:y@host/r.git")
    }

    @Test func detachedAndUnborn() throws {
        let directory = try TemporaryDirectory()
        try directory.write("r/.git/HEAD", "\(Self.commitB)\n")
        let repository = try #require(try GitRepository.find(containing: directory.url("r")))
        #expect(try repository.head() == .detached(commit: Self.commitB))

        try directory.write("r/.git/HEAD", "ref: refs/heads/main\n")
        #expect(try repository.head() == .branch(ref: "refs/heads/main", commit: nil))

        try directory.write("r/.git/refs/heads/main", "\(Self.commitA)\n")
        #expect(try repository.head() == .branch(ref: "refs/heads/main", commit: Self.commitA))
    }

    @Test func collectorWithoutGitBinary() throws {
        let directory = try TemporaryDirectory()
        try directory.write("r/.git/HEAD", "ref: refs/heads/dev\n")
        try directory.write("r/.git/refs/heads/dev", "\(Self.commitA)\n")
        try directory.write("r/.git/config", "[remote \"fork\"]\n\turl = https://tok@host/fork.git\n")
        let context = SnapshotContext(rootDirectory: directory.path, environment: ["PATH": directory.url("empty")])
        let section = GitCollector(context: context, projectRoot: directory.url("r"), timeout: 5).collect()
        let git = try #require(section.content)
        #expect(git.branch == "dev")
        #expect(git.commit == Self.commitA)
        #expect(git.remoteName == "fork")
        #expect(git.remoteURL == "https://host/fork.git")
        #expect(git.dirty == nil)
        #expect(section.warnings == ["git not found on PATH; dirty state unknown"])
    }
}
