import MLAuditCore
import MLAuditParsers

/// A value that may hold paths (a string literal, a shell word, a config value),
/// with what its surroundings say about it.
struct PathSite {
    /// The value, each byte mapped to where it is written (in `python`'s bytes for
    /// Python code, else in the file).
    var text: MappedText
    /// The variable, keyword, key or option the value is given to.
    var name: String?
    /// What reads or writes the value as a file location (`np.load`, `cp`, a bind mount).
    var fileUse: String?
    var cell: Int?
    /// The value is only the fallback of an environment variable lookup, so the
    /// location is configurable: a home-relative default is not reported.
    var isEnvironmentDefault = false
    /// The value is a directory the code creates itself (`ROOT=~/builds` then `mkdir -p $ROOT/x`):
    /// an output location, the same in meaning for every user.
    var isCreatedHere = false
    /// Set for Python code, whose offsets are offsets of the (notebook) program.
    var python: PythonSource?
}

/// Receives the path-holding values a `…PathSites` reader finds in a file.
protocol PathSiteSink: AnyObject {
    func check(_ site: PathSite)
}

/// Decides which PATH rules a site's paths break and reports them, once per line
/// and rule.
final class PathReporter: PathSiteSink {
    let file: FileContext
    private var reported: Set<String> = []

    init(_ file: FileContext) { self.file = file }

    func check(_ site: PathSite) {
        let bytes = site.text.bytes
        guard PathClassifier.mayHoldPath(bytes) else { return }
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] <= 0x20 { start += 1 }
        while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
        for mention in PathClassifier.mentions(in: bytes) {
            let range = Self.wholePath(mention.range, in: bytes, valueStart: start, valueEnd: end)
            let path = String(decoding: bytes[range], as: UTF8.self)
            let offset = site.text.fileOffset(of: mention.range.lowerBound)
            switch mention.pathClass {
            case .userHome(let user):
                report("PATH001", offset, site, PathMessages.userHome(path, user: user))
            case .machineLocation(let location):
                // `mount_path = "/mnt/buckets/x"`: where the code itself mounts something, inside a container.
                if let name = site.name, name.lowercased().contains("mount") { continue }
                report("PATH002", offset, site, PathMessages.machineLocation(path, location))
            case .absolute:
                guard range == start..<end else { continue }
                let reason: String
                if let use = site.fileUse {
                    reason = use
                } else if let name = site.name, LocationNames.isLocationName(name) {
                    reason = "assigned to `\(name)`"
                } else if mention.hasFileExtension {
                    reason = "names a file"
                } else {
                    continue
                }
                report("PATH002", offset, site, PathMessages.absoluteLocation(path, reason: reason))
            case .homeRelative:
                guard mention.range.lowerBound == start, !site.isEnvironmentDefault, !site.isCreatedHere else { continue }
                report("PATH003", offset, site, PathMessages.homeRelative(path))
            case .system, .placeholder:
                continue
            }
        }
    }

    /// A path that begins the value and stops at a space, when the rest of the value goes on
    /// like a path (another separator, or one last word with a file extension): the whole
    /// value is the path (`/home/alice/My Data/train set.csv`), and messages quote all of it.
    static func wholePath(_ range: Range<Int>, in b: [UInt8], valueStart: Int, valueEnd: Int) -> Range<Int> {
        guard range.lowerBound == valueStart, range.upperBound < valueEnd, b[range.upperBound] == 0x20 else { return range }
        let rest = b[range.upperBound..<valueEnd]
        guard !rest.contains(where: { $0 < 0x20 }) else { return range }
        let words = rest.split(separator: 0x20)
        let continues = rest.contains(UInt8(ascii: "/")) || rest.contains(UInt8(ascii: "\\"))
            || (words.count == 1 && PathClassifier.hasFileExtension(words.last))
        return continues ? range.lowerBound..<valueEnd : range
    }

    /// Reports at an offset of `site`'s mapping space.
    func report(_ ruleID: String, _ offset: Int, _ site: PathSite, _ message: String) {
        if let python = site.python {
            report(ruleID, fileOffset: python.fileOffset(ofByte: offset), cell: python.cell(ofByte: offset), message: message)
        } else {
            report(ruleID, fileOffset: offset, cell: site.cell, message: message)
        }
    }

    func report(_ ruleID: String, fileOffset: Int, cell: Int?, message: String) {
        guard file.isEnabled(ruleID) else { return }
        let position = file.position(ofByte: fileOffset)
        guard reported.insert("\(ruleID):\(position.line)").inserted else { return }
        file.report(ruleID, line: position.line, column: position.column, message: message, cell: cell)
    }
}

enum PathMessages {
    static let fix = "make it relative to the project, or take it from configuration or an environment variable with a project-relative default"

    static func shown(_ path: String) -> String {
        let scalars = path.unicodeScalars
        guard scalars.count > 90 else { return "`\(path)`" }
        return "`\(String(String.UnicodeScalarView(scalars.prefix(87))))...`"
    }

    static func userHome(_ path: String, user: String) -> String {
        let whose = user == "root" ? "the superuser's home directory (`/root`)" : "the home directory of user `\(user)`"
        return "\(shown(path)) is inside \(whose), so it exists on one machine only; \(fix)"
    }

    static func machineLocation(_ path: String, _ location: MachineLocation) -> String {
        let what: String
        switch location {
        case .root(let root): what = "is under `/\(root)/`, a mount or data location that exists only on particular machines"
        case .colabDrive: what = "is a Google Drive folder as mounted in Colab, which exists only there"
        case .kaggleInput: what = "is a Kaggle input dataset, mounted only inside Kaggle notebooks"
        case .windowsDrive(let drive): what = "is a path on Windows drive `\(drive):`, which exists only on particular machines"
        }
        return "\(shown(path)) \(what); \(fix)"
    }

    static func absoluteLocation(_ path: String, reason: String) -> String {
        "\(shown(path)) is an absolute file location (\(reason)) that exists only on machines laid out the same way; \(fix)"
    }

    static func homeRelative(_ path: String) -> String {
        "\(shown(path)) is relative to the home directory of whoever runs the code, so each user reads different files that nothing in the project records; keep the data in the project, or take its location from configuration or an environment variable"
    }

    static func homeExpression(_ expression: String) -> String {
        "`\(expression)` names a location in the home directory of whoever runs the code, so each user reads different files that nothing in the project records; keep the data in the project, or take its location from configuration or an environment variable"
    }
}
