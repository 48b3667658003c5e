import Foundation

/// A directory under the system temp dir holding a small project for one test.
public final class TemporaryTree: @unchecked Sendable {
    public let url: URL

    public init(files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mlaudit-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, content) in files { try write(path, content) }
    }

    public func write(_ path: String, _ content: String) throws {
        try write(path, Data(content.utf8))
    }

    public func write(_ path: String, _ data: Data) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    public var path: String { url.path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
