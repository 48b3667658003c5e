import Foundation

public struct TimedCommandResult: Sendable {
    public var result: CommandResult
    public var seconds: Double
    /// The program was still running at the deadline and was killed.
    public var timedOut: Bool
}

extension CommandRunner {
    /// Runs the built mlaudit binary, killing it if it runs past `timeout` seconds:
    /// a hang fails the test instead of stalling the suite.
    public static func mlaudit(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
                               timeout: Double) throws -> TimedCommandResult {
        let process = Process()
        process.executableURL = PackagePaths.binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let killed = Flag()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem {
            killed.set()
            kill(pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        watchdog.cancel()
        let result = CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                   stderr: String(decoding: errData, as: UTF8.self))
        return TimedCommandResult(result: result, seconds: Date().timeIntervalSince(start), timedOut: killed.isSet)
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
