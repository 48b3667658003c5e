import Foundation

/// What a finished subprocess produced.
struct ProcessOutput: Sendable {
    let exitStatus: Int32
    let stdout: Data
    let stderr: Data

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// First non-empty line of stderr, for a failure reason.
    var stderrSummary: String {
        stderrText.split(separator: "\n").first.map { String($0.prefix(200)) } ?? ""
    }
}

enum ProcessRunError: Error, CustomStringConvertible {
    case launchFailed(executable: String, message: String)
    case timedOut(executable: String, seconds: Double)

    var description: String {
        switch self {
        case let .launchFailed(executable, message): "could not run \(executable): \(message)"
        case let .timedOut(executable, seconds): "\(executable) did not finish within \(Self.format(seconds)) s and was killed"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// Runs a program with a fixed argument list — never through a shell — and
/// kills it when it outlives its timeout.
struct ProcessRunner: Sendable {
    /// The child's environment.
    var environment: [String: String]

    func run(
        _ executable: String, _ arguments: [String], timeout: Double, currentDirectory: String? = nil
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = FileHandle.nullDevice

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw ProcessRunError.launchFailed(executable: executable, message: error.localizedDescription)
        }

        // Drain both pipes while the child runs so a full pipe cannot block it.
        let collected = CollectedOutput()
        let readers = DispatchGroup()
        let stdoutHandle = stdoutPipe.fileHandleForReading
        let stderrHandle = stderrPipe.fileHandleForReading
        DispatchQueue.global().async(group: readers) { collected.setStdout(stdoutHandle.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: readers) { collected.setStderr(stderrHandle.readDataToEndOfFile()) }

        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 0.5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            // A grandchild may still hold the pipes open; do not wait for it.
            _ = readers.wait(timeout: .now() + 0.2)
            throw ProcessRunError.timedOut(executable: executable, seconds: timeout)
        }
        _ = readers.wait(timeout: .now() + 2)
        let (stdout, stderr) = collected.values
        return ProcessOutput(exitStatus: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var stdout = Data()
    private var stderr = Data()

    func setStdout(_ data: Data) { lock.withLock { stdout = data } }
    func setStderr(_ data: Data) { lock.withLock { stderr = data } }
    var values: (Data, Data) { lock.withLock { (stdout, stderr) } }
}

/// Finds a program on a `PATH`-style search path without a shell.
enum ExecutableLookup {
    static func find(_ name: String, searchPath: String?) -> String? {
        if name.contains("/") {
            return FileSystem.status(name)?.isExecutable == true ? name : nil
        }
        guard let searchPath else { return nil }
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = Path.join(String(directory), name)
            if FileSystem.status(candidate)?.isExecutable == true, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }
}
