import Foundation
import MLAuditCore
import MLAuditEnvironment

/// One input file's bytes, and its parsed forms with errors that name the file and line.
struct InputFile: Sendable {
    /// The path as shown in findings and messages.
    let path: String
    let bytes: [UInt8]

    /// The largest input read (a 10,000-package manifest is about 5 MB).
    public static let maxBytes = 100 << 20

    /// Reads a regular file (never a FIFO or device: opened non-blocking, checked after
    /// opening) of at most `maxBytes`. With `folder`, the file must resolve inside it:
    /// a run folder's files are never read through a link that leaves the folder.
    static func read(_ path: String, inside folder: String? = nil) throws(RecordingError) -> InputFile {
        do {
            return InputFile(path: path, bytes: try ConfinedFile.read(path, inside: folder, maxBytes: maxBytes))
        } catch {
            throw RecordingError(path: path, reason: error.description)
        }
    }

    /// A file of a run or model folder: nil when absent, and nil with a problem on the
    /// recording when it cannot be read (a link out of the folder, a FIFO, too large).
    static func readPart(_ path: String, inside folder: String, into recording: inout EnvironmentRecording) -> InputFile? {
        guard ConfinedFile.exists(path) else { return nil }
        do {
            return try read(path, inside: folder)
        } catch {
            recording.problems.append(RecordingProblem(path: path, line: nil, reason: error.reason))
            return nil
        }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func json() throws(RecordingError) -> DocumentNode {
        do {
            return try JSONDocument.parse(bytes)
        } catch {
            throw RecordingError(path: path, line: error.line, reason: "invalid JSON: \(error.reason)")
        }
    }

    func yaml() throws(RecordingError) -> DocumentNode {
        let node: DocumentNode?
        do {
            node = try YAMLDocument.parse(text)
        } catch {
            throw RecordingError(path: path, line: error.line, reason: "invalid YAML: \(error.reason)")
        }
        guard let node else { throw RecordingError(path: path, reason: "empty YAML document") }
        return node
    }

    /// Lines with their 1-based numbers.
    var lines: [(number: Int, text: Substring)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { ($0.offset + 1, $0.element) }
    }
}

extension Substring {
    var trimmed: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}

extension String {
    var trimmed: String { String(Substring(self).trimmed) }
}
