import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh directory for one input's files (the recording readers read paths),
/// removed when the input is done. In memory (`/dev/shm`) where there is one,
/// so fuzzing does not wear a disk.
struct ScratchDirectory {
    let path: String

    static let base: String = {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory), isDirectory.boolValue { return "/dev/shm" }
        return NSTemporaryDirectory()
    }()

    init() {
        var template = Array("\(Self.base)/mlaudit-fuzz-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { fatalError("cannot create a scratch directory under \(Self.base): errno \(errno)") }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes `bytes` to `name` inside the directory (creating parent directories) and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: some Collection<UInt8>) -> String {
        let file = path + "/" + name
        let parent = (file as NSString).deletingLastPathComponent
        if parent != path { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else { fatalError("cannot write \(file)") }
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
