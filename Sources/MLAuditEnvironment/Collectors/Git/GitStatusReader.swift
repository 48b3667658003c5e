/// Runs `git status --porcelain=v1 -z` (fixed arguments, no shell, with a
/// timeout) and splits its answer into modified and untracked paths.
struct GitStatusReader {
    struct Status: Equatable {
        var modified: [String]
        var untracked: [String]
    }

    let context: SnapshotContext
    let timeout: Double

    func read(workTree: String) throws -> Status? {
        guard let git = context.findExecutable("git") else { return nil }
        var runner = context.processRunner
        runner.environment["GIT_OPTIONAL_LOCKS"] = "0"
        runner.environment["LC_ALL"] = "C"
        let output = try runner.run(
            git,
            ["-C", workTree, "--no-optional-locks", "status", "--porcelain=v1", "-z", "--untracked-files=normal", "--no-renames"],
            timeout: timeout
        )
        guard output.exitStatus == 0 else {
            throw GitStatusError.failed(status: output.exitStatus, message: output.stderrSummary)
        }
        return Self.parse(Array(output.stdout))
    }

    /// Records are `XY path\0`; `??` marks untracked paths.
    static func parse(_ bytes: [UInt8]) -> Status {
        var modified: [String] = []
        var untracked: [String] = []
        for record in bytes.split(separator: 0) where record.count > 3 {
            let start = record.startIndex
            let path = String(decoding: record[(start + 3)...], as: UTF8.self)
            if record[start] == 0x3f, record[start + 1] == 0x3f {
                untracked.append(path)
            } else if record[start] != 0x21 { // "!!" ignored entries
                modified.append(path)
            }
        }
        return Status(modified: modified.sorted(), untracked: untracked.sorted())
    }
}

enum GitStatusError: Error, CustomStringConvertible {
    case failed(status: Int32, message: String)

    var description: String {
        switch self {
        case let .failed(status, message): "git status exited with status \(status): \(message)"
        }
    }
}
