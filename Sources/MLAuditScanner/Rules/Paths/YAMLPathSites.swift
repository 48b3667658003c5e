import MLAuditCore
import MLAuditParsers
import Yams

/// Paths in the scalar values of YAML files (configuration, conda environments);
/// comments are not part of the document. The key a value sits under names it.
enum YAMLPathSites {
    static func check(_ file: FileContext, _ reporter: any PathSiteSink) {
        guard PathClassifier.mayHoldPath(file.bytes), let root = file.yamlNode else { return }
        walk(root, key: nil, file, reporter)
    }

    static func walk(_ node: Node, key: String?, _ file: FileContext, _ reporter: any PathSiteSink) {
        switch node {
        case .scalar:
            if let text = mappedText(node, file) { reporter.check(PathSite(text: text, name: key)) }
        case .mapping(let mapping):
            for (name, value) in mapping { walk(value, key: name.string ?? key, file, reporter) }
        case .sequence(let sequence):
            for item in sequence { walk(item, key: key, file, reporter) }
        default:
            break
        }
    }

    /// A scalar's value mapped to the file, when it may hold a path.
    static func mappedText(_ node: Node, _ file: FileContext) -> MappedText? {
        guard let scalar = node.scalar, PathClassifier.mayHoldPath(scalar.string.utf8) else { return nil }
        return YAMLScalarText.mappedText(value: scalar.string, style: scalar.style, line: node.line, column: node.column,
                                         bytes: file.bytes, lineStarts: file.lineStarts)
    }
}

/// Compose files describe containers: only what lives on the host is checked, the
/// source side of volumes (`/mnt/data` in `/mnt/data:/data`, `source:` of the long
/// syntax, a named volume's `driver_opts.device`), build contexts and env files.
enum ComposePathSites {
    static let bindMount = "the host side of a bind mount"

    static func check(_ file: FileContext, _ reporter: any PathSiteSink) {
        guard PathClassifier.mayHoldPath(file.bytes), let root = file.yamlNode else { return }
        func check(_ node: Node?, name: String?, use: String?) {
            guard let node, let text = YAMLPathSites.mappedText(node, file) else { return }
            reporter.check(PathSite(text: text, name: name, fileUse: use))
        }
        for (_, service) in root["services"]?.mapping ?? [:] {
            for volume in service["volumes"]?.sequence ?? [] {
                if volume.scalar != nil {
                    if let text = YAMLPathSites.mappedText(volume, file), let host = hostSide(text) {
                        reporter.check(PathSite(text: host, fileUse: bindMount))
                    }
                } else {
                    check(volume["source"], name: "source", use: bindMount)
                }
            }
            if let build = service["build"] {
                check(build.scalar != nil ? build : build["context"], name: "context", use: "the build context")
            }
            if let envFile = service["env_file"] {
                for item in envFile.sequence.map(Array.init) ?? [envFile] { check(item, name: "env_file", use: nil) }
            }
        }
        for (_, volume) in root["volumes"]?.mapping ?? [:] {
            check(volume["driver_opts"]?["device"], name: "device", use: "a volume's host device")
        }
    }

    /// `HOST:CONTAINER[:MODE]` → `HOST` (a Windows drive's colon is part of the host path);
    /// nil for an anonymous volume, which names a container path only.
    static func hostSide(_ text: MappedText) -> MappedText? {
        let b = text.bytes
        var from = 0
        if b.count >= 3, PathClassifier.isLetter(b[0]), b[1] == UInt8(ascii: ":"), PathClassifier.isSeparator(b[2]) { from = 2 }
        guard let colon = b[from...].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return text.slice(0..<colon)
    }
}
