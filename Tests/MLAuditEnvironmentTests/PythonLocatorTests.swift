@testable import MLAuditEnvironment
import Testing

@Suite struct PythonLocatorTests {
    /// A pyenv layout: shims on PATH, two installed versions, a global
    /// version file and a project-local `.python-version`.
    func pyenvTree() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("pyenv/shims/python3", "#!/bin/sh\nexit 1\n", executable: true)
        try directory.write("pyenv/versions/3.11.7/bin/python3", "#!/bin/sh\n", executable: true)
        try directory.write("pyenv/versions/3.12.2/bin/python3", "#!/bin/sh\n", executable: true)
        try directory.write("pyenv/version", "3.11.7\n")
        try directory.write("usr/bin/python3", "#!/bin/sh\n", executable: true)
        try directory.makeDirectory("work/sub")
        return directory
    }

    func locator(_ directory: TemporaryDirectory, _ extra: [String: String] = [:], cwd: String = "work/sub") -> PythonInterpreterLocator {
        var environment = ["PYENV_ROOT": directory.url("pyenv"), "PATH": directory.url("pyenv/shims") + ":" + directory.url("usr/bin")]
        environment.merge(extra) { $1 }
        var context = SnapshotContext(rootDirectory: directory.path, environment: environment)
        context.workingDirectory = directory.url(cwd)
        return PythonInterpreterLocator(context: context, requested: nil)
    }

    @Test func globalVersion() throws {
        let tree = try pyenvTree()
        let choice = try locator(tree).locate()
        #expect(choice == .init(
            executable: tree.url("pyenv/versions/3.11.7/bin/python3"), selection: .pyenv, requested: tree.url("pyenv/shims/python3")
        ))
    }

    @Test func localVersionFileWins() throws {
        let tree = try pyenvTree()
        try tree.write("work/.python-version", "# pinned\n3.12.2\n")
        #expect(try locator(tree).locate().executable == tree.url("pyenv/versions/3.12.2/bin/python3"))
    }

    @Test func environmentVariableWins() throws {
        let tree = try pyenvTree()
        try tree.write("work/.python-version", "3.12.2\n")
        #expect(try locator(tree, ["PYENV_VERSION": "system"]).locate().executable == tree.url("usr/bin/python3"))
    }

    @Test func unknownVersionFallsBackToTheShim() throws {
        let tree = try pyenvTree()
        let choice = try locator(tree, ["PYENV_VERSION": "3.9"]).locate()
        #expect(choice == .init(executable: tree.url("pyenv/shims/python3"), selection: .path))
    }

    @Test func virtualEnvironmentBeforePath() throws {
        let tree = try pyenvTree()
        try tree.write("venv/bin/python", "#!/bin/sh\n", executable: true)
        let choice = try locator(tree, ["VIRTUAL_ENV": tree.url("venv")]).locate()
        #expect(choice == .init(executable: tree.url("venv/bin/python"), selection: .virtualEnv))
    }

    @Test func missingRequestedInterpreterFails() throws {
        let tree = try pyenvTree()
        let context = SnapshotContext(rootDirectory: tree.path, environment: ["PATH": ""])
        let section = PythonCollector(context: context, requestedInterpreter: tree.url("nope/python"), timeout: 5).collect()
        #expect(section.status == .failed)
        let none = PythonCollector(context: context, requestedInterpreter: nil, timeout: 5).collect()
        #expect(none.status == .unavailable)
    }
}
