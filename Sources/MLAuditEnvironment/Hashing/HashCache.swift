import Foundation

/// Remembers data-file digests by (path, size, mtime, inode) so unchanged
/// files are not hashed again. Stored as a small text file in the user's
/// cache directory, never in the project.
final class HashCache: @unchecked Sendable {
    static let fileName = "data-sha256-v1.tsv"
    private static let header = "mlaudit data hash cache v1"

    struct Entry: Equatable {
        var size: Int64
        var modificationNanoseconds: Int64
        var inode: UInt64
        var sha256: String
    }

    let path: String
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var changed = false

    /// Loads the cache in `directory` (an unreadable or foreign file counts
    /// as empty).
    init(directory: String) {
        path = Path.join(directory, Self.fileName)
        guard let text = try? FileSystem.readString(path) else { return }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first == Substring(Self.header) else { return }
        lines = lines.dropFirst()
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, Hex.isHex(String(fields[0]), length: 64),
                  let size = Int64(fields[1]), let mtime = Int64(fields[2]), let inode = UInt64(fields[3])
            else { continue }
            entries[Self.unescape(fields[4])] = Entry(size: size, modificationNanoseconds: mtime, inode: inode, sha256: String(fields[0]))
        }
    }

    func lookup(path: String, status: FileStatus) -> String? {
        lock.withLock {
            guard let entry = entries[path], entry.size == status.size,
                  entry.modificationNanoseconds == status.modificationNanoseconds, entry.inode == status.inode
            else { return nil }
            return entry.sha256
        }
    }

    func store(path: String, status: FileStatus, sha256: String) {
        lock.withLock {
            let entry = Entry(size: status.size, modificationNanoseconds: status.modificationNanoseconds, inode: status.inode, sha256: sha256)
            if entries[path] != entry {
                entries[path] = entry
                changed = true
            }
        }
    }

    /// Writes the cache back (atomically) when something was added.
    func save() throws {
        let snapshot: [String: Entry]? = lock.withLock { changed ? entries : nil }
        guard let snapshot else { return }
        try FileManager.default.createDirectory(atPath: Path.parent(path), withIntermediateDirectories: true)
        var text = Self.header + "\n"
        for key in snapshot.keys.sorted() {
            let entry = snapshot[key]!
            text += "\(entry.sha256)\t\(entry.size)\t\(entry.modificationNanoseconds)\t\(entry.inode)\t\(Self.escape(key))\n"
        }
        try AtomicFileWriter.write(Array(text.utf8), to: path)
        lock.withLock { changed = false }
    }

    private static func escape(_ path: String) -> String {
        path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func unescape(_ field: Substring) -> String {
        var result = ""
        var escaped = false
        for character in field {
            if escaped {
                result.append(character == "t" ? "\t" : character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
