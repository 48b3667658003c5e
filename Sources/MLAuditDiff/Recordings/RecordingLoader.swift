import Foundation
import MLAuditEnvironment

/// Reads a recording from a path, detecting its format unless one is given.
public enum RecordingLoader {
    public static func load(path: String, format forced: RecordingFormat? = nil, context: ReadContext = .host()) throws(RecordingError) -> EnvironmentRecording {
        let detection: FormatDetector.Detection
        if let forced {
            detection = try resolveForced(path: path, format: forced)
        } else {
            detection = try FormatDetector.detect(path: path)
        }
        return try read(detection, source: path, context: context)
    }

    /// The format `path` would be read as (for ordering reads: locks are read after the side that knows the interpreter).
    public static func detectFormat(path: String, forced: RecordingFormat?) throws(RecordingError) -> RecordingFormat {
        if let forced { return forced }
        return try FormatDetector.detect(path: path).format
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
        case .mlflow: return try TrackerReaders.readMLflow(directory: path, source: source)
        case .wandb: return try TrackerReaders.readWandb(metadataPath: path, source: source)
        case .live: throw RecordingError(path: path, reason: "the live environment is captured, not read from a file")
        default: break
        }
        let file = try InputFile.read(path)
        switch detection.format {
        case .manifest: return try ManifestReader.read(try file.json(), path: path, source: source)
        case .pipFreeze: return PipFreezeReader.read(file, source: source)
        case .pipList: return try PipJSONReaders.readList(try file.json(), file: file, source: source)
        case .pipInspect: return try PipJSONReaders.readInspect(try file.json(), file: file, source: source)
        case .condaEnv: return try CondaReaders.readEnvironmentExport(try file.yaml(), file: file, source: source)
        case .condaExplicit: return CondaReaders.readExplicit(file, source: source)
        case .condaList: return CondaReaders.readExport(file, source: source)
        case .condaLock: return try CondaReaders.readLock(try file.yaml(), file: file, source: source, context: context)
        case .poetryLock: return try LockReaders.readPoetry(file, source: source, context: context)
        case .uvLock: return try LockReaders.readUV(file, source: source, context: context)
        case .pylock: return try LockReaders.readPylock(file, source: source, context: context)
        case .pipfileLock: return try LockReaders.readPipfile(try file.json(), file: file, source: source, context: context)
        case .sacred: return try TrackerReaders.readSacred(try file.json(), file: file, source: source)
        case .cyclonedx: return try CycloneDXReader.read(try file.json(), file: file, source: source)
        case .mlflow, .wandb, .live: fatalError("handled above")
        }
    }

    /// Whether a format describes packages only for some platform chosen at read time.
    public static func dependsOnPlatform(_ format: RecordingFormat) -> Bool {
        [.poetryLock, .uvLock, .pylock, .pipfileLock, .condaLock].contains(format)
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
