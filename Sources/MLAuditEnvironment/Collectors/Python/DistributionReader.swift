import MLAuditCore
import Foundation

/// Reads installed distributions straight from a site directory:
/// `*.dist-info/METADATA` and `*.egg-info` (`PKG-INFO`) headers, `INSTALLER`,
/// and PEP 610 `direct_url.json`. No pip subprocess.
struct DistributionReader {
    struct Result {
        var packages: [PythonPackage] = []
        var warnings: [String] = []
    }

    /// Distributions in `directory`; an empty result when it holds none.
    func read(directory: String) throws -> Result {
        var result = Result()
        let entries = try FileSystem.list(directory)
        for entry in entries {
            let name = entry.name
            do {
                if name.hasSuffix(".dist-info") {
                    if let package = try distInfo(Path.join(directory, name), directoryName: name, location: directory) {
                        result.packages.append(package)
                    }
                } else if name.hasSuffix(".egg-info") {
                    if let package = try eggInfo(Path.join(directory, name), entryName: name, location: directory) {
                        result.packages.append(package)
                    }
                }
            } catch {
                result.warnings.append("\(error)")
            }
        }
        return result
    }

    private func distInfo(_ path: String, directoryName: String, location: String) throws -> PythonPackage? {
        let header: [UInt8]
        do {
            header = try FileSystem.readHeader(Path.join(path, "METADATA"))
        } catch let error as FileSystemError where error.isNotFound {
            header = []
        }
        let fields = RFC822.fields(in: header, wanted: ["Name", "Version"])
        let fallback = Self.nameAndVersion(fromEntry: directoryName, suffix: ".dist-info")
        guard let rawName = fields["Name"] ?? fallback?.name, let version = fields["Version"] ?? fallback?.version else {
            return nil
        }
        return PythonPackage(
            name: Self.normalize(rawName), version: version, format: "dist-info", location: location,
            installer: try Self.installer(Path.join(path, "INSTALLER")),
            directURL: try Self.directURL(Path.join(path, "direct_url.json"))
        )
    }

    private func eggInfo(_ path: String, entryName: String, location: String) throws -> PythonPackage? {
        let isDirectory = FileSystem.isDirectory(path)
        let metadataPath = isDirectory ? Path.join(path, "PKG-INFO") : path
        let header: [UInt8]
        do {
            header = try FileSystem.readHeader(metadataPath)
        } catch let error as FileSystemError where error.isNotFound {
            header = []
        }
        let fields = RFC822.fields(in: header, wanted: ["Name", "Version"])
        let fallback = Self.nameAndVersion(fromEntry: entryName, suffix: ".egg-info")
        guard let rawName = fields["Name"] ?? fallback?.name, let version = fields["Version"] ?? fallback?.version else {
            return nil
        }
        return PythonPackage(
            name: Self.normalize(rawName), version: version, format: "egg-info", location: location,
            installer: isDirectory ? try Self.installer(Path.join(path, "INSTALLER")) : nil, directURL: nil
        )
    }

    /// PEP 503: lowercase, runs of `-`, `_`, `.` become one `-`.
    static func normalize(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.utf8.count)
        var pendingSeparator = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                pendingSeparator = true
            } else {
                if pendingSeparator, !result.isEmpty { result.append("-") }
                pendingSeparator = false
                result.append(character)
            }
        }
        return result
    }

    /// `name-1.0.dist-info`, `name-1.0-py3.11.egg-info`.
    static func nameAndVersion(fromEntry entry: String, suffix: String) -> (name: String, version: String)? {
        let stem = entry.dropLast(suffix.count)
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    static func installer(_ path: String) throws -> String? {
        guard let text = try FileSystem.readStringIfPresent(path) else { return nil }
        let value = text.trimmingSpaces()
        return value.isEmpty ? nil : String(value)
    }

    /// PEP 610. URLs lose their credentials.
    static func directURL(_ path: String) throws -> DirectURL? {
        guard let text = try FileSystem.readStringIfPresent(path) else { return nil }
        guard let json = try? JSONParser.parse(text), let url = json["url"]?.stringValue else {
            throw DistributionError.malformedDirectURL(path)
        }
        var result = DirectURL(url: Redaction.stripURLCredentials(url))
        if let vcs = json["vcs_info"] {
            result.vcs = vcs["vcs"]?.stringValue
            result.commitID = vcs["commit_id"]?.stringValue
            result.requestedRevision = vcs["requested_revision"]?.stringValue.map(Redaction.sanitize)
        }
        if let directory = json["dir_info"] {
            result.editable = directory["editable"]?.boolValue ?? false
        }
        if let archive = json["archive_info"] {
            if let hash = archive["hash"]?.stringValue {
                result.archiveHash = hash
            } else if case let .object(hashes)? = archive["hashes"] {
                let preferred = hashes["sha256"] != nil ? "sha256" : hashes.keys.sorted().first
                if let algorithm = preferred, let value = hashes[algorithm]?.stringValue {
                    result.archiveHash = "\(algorithm)=\(value)"
                }
            }
        }
        return result
    }
}

enum DistributionError: Error, CustomStringConvertible {
    case malformedDirectURL(String)

    var description: String {
        switch self {
        case let .malformedDirectURL(path): "\(path): not a PEP 610 direct_url.json"
        }
    }
}
