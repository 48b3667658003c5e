import Foundation
@testable import MLAuditEnvironment
import Testing

/// A scratch directory removed when the value goes away.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init(_ label: String = "mlaudit-env") throws {
        let base = FileManager.default.temporaryDirectory.path
        let template = Path.join(base, "\(label)-XXXXXX")
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw FileSystemError(path: template, code: errno) }
        // Resolve /tmp symlinks so paths compare equal to what collectors see.
        path = FileSystem.realPath(String(cString: made)) ?? String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func url(_ relative: String) -> String { Path.join(path, relative) }

    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) throws -> String {
        try write(relative, Array(text.utf8), executable: executable)
    }

    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8], executable: Bool = false) throws -> String {
        let full = url(relative)
        try FileManager.default.createDirectory(atPath: Path.parent(full), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else {
            throw FileSystemError(path: full, code: errno)
        }
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full) }
        return full
    }

    @discardableResult
    func makeDirectory(_ relative: String) throws -> String {
        let full = url(relative)
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }
}

/// Runs a program for test setup (git), failing the test on error.
@discardableResult
func runTool(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> String {
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    let output = try ProcessRunner(environment: env).run(executable, arguments, timeout: 30, currentDirectory: directory)
    guard output.exitStatus == 0 else {
        throw ToolFailure(message: "\(executable) \(arguments.joined(separator: " ")): \(output.stderrText)")
    }
    return output.stdoutText
}

struct ToolFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The real `git`, when installed.
let hostGit: String? = ExecutableLookup.find("git", searchPath: ProcessInfo.processInfo.environment["PATH"])

/// Repository root, for docs/manifest.schema.json.
let repositoryRoot: String = {
    var directory = Path.parent(#filePath)
    while directory != "/" {
        if FileSystem.isRegularFile(Path.join(directory, "Package.swift")) { return directory }
        directory = Path.parent(directory)
    }
    return FileSystem.currentDirectory
}()

extension Manifest {
    var json: String {
        get throws { String(decoding: try Snapshotter.encode(self), as: UTF8.self) }
    }
}
