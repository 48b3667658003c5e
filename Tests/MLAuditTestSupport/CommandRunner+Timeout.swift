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
        try run(PackagePaths.binary, arguments, in: directory, environment: environment, timeout: timeout)
    }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
