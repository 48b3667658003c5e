import Foundation
import MLAuditParsers

/// `pip freeze` output and pinned requirements files: `name==version`,
/// `name @ url` (version from a wheel file name, commit from a VCS URL),
/// `-e git+…@commit#egg=name`, and editable lines as pip writes them (`-e /path`
/// under a `# Editable … (name==version)` comment) or uv does (`-e file:///path`).
enum PipFreezeReader {
    static func read(_ file: InputFile, source: String, context: ReadContext) -> EnvironmentRecording {
        var recording = EnvironmentRecording(source: source, format: .pipFreeze)
        recording.primaryPath = file.path
        recording.omitsInstallerTools = true
        recording.covers(.pypi)
        addPackages(from: file, to: &recording, context: context)
        return recording
    }

    /// Adds the requirements of `file` as PyPI packages (also used for the
    /// requirements.txt that tracker runs and MLflow models carry). An entry whose
    /// marker is false for `context` (`colorama ; sys_platform == "win32"` compared
    /// with a Linux machine) is not installed there and is left out.
    static func addPackages(from file: InputFile, to recording: inout EnvironmentRecording, context: ReadContext? = nil) {
        let parsed = RequirementsFile.parse(bytes: file.bytes)
        let editableNames = editableComments(file)
        for problem in parsed.problems {
            recording.problems.append(RecordingProblem(path: file.path, line: problem.line, reason: problem.reason))
        }
        for entry in parsed.entries {
            let spec = entry.spec
            if let marker = spec.marker, let context, !MarkerEvaluator.isSatisfied(marker, context: context) { continue }
            let place = SourcePlace(path: file.path, line: entry.line)
            var version = ""
            var commit: String?
            var archiveHash: String?
            var origin: PackageOrigin?
            switch spec.pinning {
            case .exact(let pinned):
                version = pinned
                origin = .index
            case .vcs(_, let revision, _):
                commit = revision
                origin = .vcs
            case .directURL, .local:
                if let url = spec.url ?? spec.path { version = wheelVersion(url) ?? "" }
                archiveHash = spec.url.flatMap { URLHash.inURL(Substring($0)) }.map { "\($0.algorithm)=\($0.value)" }
                origin = version.isEmpty ? .directory : .archive
            case .unpinned:
                break
            }
            let hint = editableNames[entry.line - 1]
            if entry.isEditable {
                origin = .editable
                if let hint, version.isEmpty { version = hint.version }
            }
            guard let name = spec.name ?? hint?.name ?? (entry.isEditable ? directoryName(spec) : nil) else {
                recording.problems.append(RecordingProblem(path: file.path, line: entry.line, reason: "requirement '\(entry.text)' names no package"))
                continue
            }
            var package = RecordedPackage(ecosystem: .pypi, name: name, version: version, commit: commit, archiveHash: archiveHash,
                                          origin: origin, place: place)
            if entry.isEditable {
                package.checkout = checkoutPath(spec)
                package.nameFromCheckout = spec.name == nil && hint == nil
            }
            recording.add(package)
        }
    }

    /// pip writes the name and version of an editable install in the comment above its
    /// `-e` line: `# Editable install with no version control (demo==0.1.0)`,
    /// `# Editable Git install with no remote (pkg==1.0)`. Keyed by the comment's line.
    static func editableComments(_ file: InputFile) -> [Int: (name: String, version: String)] {
        var found: [Int: (name: String, version: String)] = [:]
        for (number, raw) in file.lines {
            let line = raw.trimmed
            guard line.hasPrefix("# Editable"), let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"), open < close else { continue }
            let inside = line[line.index(after: open) ..< close]
            guard let equals = inside.range(of: "==") else { continue }
            found[number] = (String(inside[..<equals.lowerBound]).trimmed, String(inside[equals.upperBound...]).trimmed)
        }
        return found
    }

    /// An editable line's folder, as a plain path (`file:///src/demo` → `/src/demo`).
    static func checkoutPath(_ spec: RequirementSpec) -> String? {
        guard var path = spec.path ?? spec.url else { return nil }
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if path.hasPrefix("file://") { path = String(path.dropFirst(7)).removingPercentEncoding ?? String(path.dropFirst(7)) }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The last component of an editable path or `file:` URL (`-e file:///src/demo` → `demo`).
    /// uv writes no name for such lines; the checkout's folder usually carries it.
    static func directoryName(_ spec: RequirementSpec) -> String? {
        guard var path = spec.path ?? spec.url else { return nil }
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        while path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return path.isEmpty || path == "." ? nil : path }
        let last = String(path[path.index(after: slash)...])
        return last.isEmpty || last == "." || last == ".." ? nil : last
    }

    /// The version in a wheel or sdist file name at the end of a URL or path
    /// (`…/torch-2.1.0%2Bcu121-cp311-cp311-linux_x86_64.whl` → `2.1.0+cu121`).
    static func wheelVersion(_ url: String) -> String? {
        var file = Substring(url)
        if let hash = file.firstIndex(of: "#") { file = file[..<hash] }
        if let slash = file.lastIndex(of: "/") { file = file[file.index(after: slash)...] }
        let name = file.replacingOccurrences(of: "%2B", with: "+").replacingOccurrences(of: "%2b", with: "+")
        if name.hasSuffix(".whl") {
            let parts = name.dropLast(4).split(separator: "-")
            return parts.count >= 3 ? String(parts[1]) : nil
        }
        for suffix in [".tar.gz", ".zip", ".tar.bz2"] where name.hasSuffix(suffix) {
            let stem = name.dropLast(suffix.count)
            guard let dash = stem.lastIndex(of: "-") else { return nil }
            return String(stem[stem.index(after: dash)...])
        }
        return nil
    }
}
