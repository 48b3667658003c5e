import Foundation
import MLAuditEnvironment

/// Reads a recording from a path, detecting its format unless one is given.
public enum RecordingLoader {
    public static func load(path: String, format forced: RecordingFormat? = nil, context: ReadContext = .host()) throws(RecordingError) -> EnvironmentRecording {
        try load(try prepare(path: path, format: forced), source: path, context: context)
    }

    /// Works out the format (or checks the forced one) without reading the recording yet,
    /// so the caller can order reads: a lock is read after the side that knows the interpreter.
    public static func prepare(path: String, format forced: RecordingFormat? = nil) throws(RecordingError) -> FormatDetector.Detection {
        if let forced { return try resolveForced(path: path, format: forced) }
        return try FormatDetector.detect(path: path)
    }

    public static func load(_ detection: FormatDetector.Detection, source: String, context: ReadContext = .host()) throws(RecordingError) -> EnvironmentRecording {
        try read(detection, source: source, context: context)
    }

    static func resolveForced(path: String, format: RecordingFormat) throws(RecordingError) -> FormatDetector.Detection {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RecordingError(path: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else {
            if format == .mlflow { return .init(format: format, path: (path as NSString).deletingLastPathComponent) }
            return .init(format: format, path: path)
        }
        let found = try FormatDetector.detectDirectory(path)
        guard found.format == format || format == .mlflow else {
            throw RecordingError(path: path, reason: "is a directory holding a \(found.format.rawValue) recording, not \(format.rawValue)")
        }
        return format == .mlflow ? .init(format: .mlflow, path: path) : found
    }

    static func read(_ detection: FormatDetector.Detection, source: String, context: ReadContext) throws(RecordingError) -> EnvironmentRecording {
        let path = detection.path
        switch detection.format {
        case .mlflow: return try MLflowReader.read(directory: path, source: source)
        case .wandb: return try WandbRunReader.read(path: path, source: source)
        case .live: throw RecordingError(path: path, reason: "the live environment is captured, not read from a file")
        default: break
        }
        let file: InputFile
        if let read = detection.file { file = read } else { file = try InputFile.read(path) }
        let parsed = detection.json
        func json() throws(RecordingError) -> DocumentNode {
            if let parsed { return parsed }
            return try file.json()
        }
        switch detection.format {
        case .manifest: return try ManifestReader.read(try json(), path: path, source: source)
        case .pipFreeze: return PipFreezeReader.read(file, source: source, context: context)
        case .pipList: return try PipJSONReaders.readList(try json(), file: file, source: source)
        case .pipInspect: return try PipJSONReaders.readInspect(try json(), file: file, source: source)
        case .condaEnv: return try CondaReaders.readEnvironmentExport(try file.yaml(), file: file, source: source)
        case .condaExplicit: return CondaReaders.readExplicit(file, source: source)
        case .condaList: return CondaReaders.readExport(file, source: source)
        case .condaLock: return try CondaReaders.readLock(try file.yaml(), file: file, source: source, context: context)
        case .poetryLock: return try LockReaders.readPoetry(file, source: source, context: context)
        case .uvLock: return try LockReaders.readUV(file, source: source, context: context)
        case .pylock: return try LockReaders.readPylock(file, source: source, context: context)
        case .pdmLock: return try LockReaders.readPDM(file, source: source, context: context)
        case .pipfileLock: return try LockReaders.readPipfile(try json(), file: file, source: source, context: context)
        case .sacred: return try TrackerReaders.readSacred(try json(), file: file, source: source)
        case .cyclonedx: return try CycloneDXReader.read(try json(), file: file, source: source)
        case .mlflow, .wandb, .live: fatalError("handled above")
        }
    }

    /// Reads two recordings at once (one thread each: most of the time is parsing).
    /// A lock is read after the other side, so its markers see that side's Python version.
    public static func loadPair(old: FormatDetector.Detection, oldSource: String, new: FormatDetector.Detection,
                                newSource: String) throws(RecordingError) -> (EnvironmentRecording, EnvironmentRecording) {
        let oldIsLock = dependsOnPlatform(old.format), newIsLock = dependsOnPlatform(new.format)
        if oldIsLock != newIsLock {
            if oldIsLock {
                let after = try load(new, source: newSource)
                return (try load(old, source: oldSource, context: .matching(after)), after)
            }
            let before = try load(old, source: oldSource)
            return (before, try load(new, source: newSource, context: .matching(before)))
        }
        return try both({ () throws(RecordingError) in try load(old, source: oldSource) },
                        { () throws(RecordingError) in try load(new, source: newSource) })
    }

    /// Detects both formats at once (detecting a JSON recording parses it).
    public static func preparePair(old: String, oldFormat: RecordingFormat?, new: String,
                                   newFormat: RecordingFormat?) throws(RecordingError) -> (FormatDetector.Detection, FormatDetector.Detection) {
        try both({ () throws(RecordingError) in try prepare(path: old, format: oldFormat) },
                 { () throws(RecordingError) in try prepare(path: new, format: newFormat) })
    }

    /// Runs two jobs on two threads; the first job's error wins.
    static func both<T: Sendable>(_ first: @Sendable () throws(RecordingError) -> T,
                                  _ second: @Sendable () throws(RecordingError) -> T) throws(RecordingError) -> (T, T) {
        let results = ResultPair<T>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results.set(index, index == 0 ? Result(catching: first) : Result(catching: second))
        }
        return (try results.get(0), try results.get(1))
    }

    /// Whether a format describes packages only for some platform chosen at read time
    /// (lockfiles, and requirements with markers).
    public static func dependsOnPlatform(_ format: RecordingFormat) -> Bool {
        [.poetryLock, .uvLock, .pylock, .pipfileLock, .condaLock, .pdmLock, .pipFreeze].contains(format)
    }
}

/// The two results of `RecordingLoader.both`, written from two threads.
private final class ResultPair<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<T, RecordingError>?] = [nil, nil]

    func set(_ index: Int, _ result: Result<T, RecordingError>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    func get(_ index: Int) throws(RecordingError) -> T {
        lock.lock()
        let result = results[index]
        lock.unlock()
        guard let result else { throw RecordingError(path: "", reason: "not read") }
        return try result.get()
    }
}

/// The environment this process runs in, captured as `mlaudit snapshot` would.
public enum LiveEnvironment {
    /// `dataPaths`: the data the old recording hashed, so ENV007 can compare it.
    public static func capture(projectRoot: String, dataPaths: [String], pythonExecutable: String? = nil,
                               timeout: Double = 5) throws(RecordingError) -> EnvironmentRecording {
        let options = SnapshotOptions(projectRoot: projectRoot, timestamp: .omitted, pythonExecutable: pythonExecutable,
                                      dataPaths: dataPaths, commandLine: ["mlaudit", "diff"], subprocessTimeout: timeout)
        let manifest = Snapshotter(options: options).capture()
        let bytes: [UInt8]
        do {
            bytes = try Snapshotter.encode(manifest)
        } catch {
            throw RecordingError(path: "(live environment)", reason: "cannot encode the captured environment: \(error)")
        }
        let root: DocumentNode
        do {
            root = try JSONDocument.parse(bytes)
        } catch {
            throw RecordingError(path: "(live environment)", line: error.line, reason: error.reason)
        }
        var recording = try ManifestReader.read(root, path: "(live environment)", source: "the live environment")
        recording.format = .live
        return recording
    }
}
