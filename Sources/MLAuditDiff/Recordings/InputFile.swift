import Foundation

/// One input file's bytes, and its parsed forms with errors that name the file and line.
struct InputFile {
    /// The path as shown in findings and messages.
    let path: String
    let bytes: [UInt8]

    static func read(_ path: String) throws(RecordingError) -> InputFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw RecordingError(path: path, reason: reason)
        }
        return InputFile(path: path, bytes: [UInt8](data))
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
