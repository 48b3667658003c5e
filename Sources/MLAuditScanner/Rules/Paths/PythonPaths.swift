import MLAuditCore
import MLAuditParsers

/// Paths in Python string literals (code cells of notebooks included; comments are
/// not string literals). Strings passed to HTTP clients or web routes are URL paths.
enum PythonPaths {
    /// Callees whose string arguments are file locations. Existence checks (`os.path.exists`)
    /// are left out: probing a fixed path is how code detects where it runs (Colab, Kaggle).
    static let fileAPIs: Set<String> = ["open", "Path", "PurePath", "PosixPath", "listdir", "scandir", "walk", "makedirs", "mkdir",
                                        "glob", "iglob", "rmtree", "copy", "copyfile", "copytree", "move",
                                        "load", "save", "loadtxt", "savetxt", "genfromtxt", "fromfile", "File", "imread", "imwrite",
                                        "load_from_disk", "save_to_disk", "from_pretrained", "save_pretrained", "SummaryWriter",
                                        "chdir", "join", "abspath", "realpath", "expanduser"]
    /// Callees whose string arguments are URL paths, not files.
    static let webCallees: Set<String> = ["get", "post", "put", "patch", "delete", "head", "options", "route", "api_route",
                                          "websocket", "add_url_rule", "add_api_route", "request", "urljoin", "APIRouter", "Blueprint",
                                          "include_router", "mount", "redirect", "url_for"]

    static func check(_ source: PythonSource, _ reporter: inout PathReporter) {
        let summary = source.summary
        var locationArguments = Set<Int>()
        var webArguments = Set<Int>()
        for call in summary.calls {
            let last = call.callee.split(separator: ".").last.map(String.init) ?? call.callee
            let isWeb = webCallees.contains(last) || ["requests", "httpx", "aiohttp", "urllib"].contains(String(call.qualifiedName.prefix { $0 != "." }))
            let isFile = fileAPIs.contains(last) || last.hasPrefix("read_") || last.hasPrefix("to_")
            for argument in call.arguments {
                if isWeb { webArguments.insert(argument.range.lowerBound) }
                if isFile || argument.keyword.map(PathClassifier.isLocationName) == true {
                    locationArguments.insert(argument.range.lowerBound)
                }
            }
        }
        let assignmentStarts = summary.assignments.map { ($0.range, PathClassifier.isLocationName($0.target.split(separator: ".").last.map(String.init) ?? "")) }

        for site in summary.strings where !site.isBytes {
            guard let value = site.value ?? rawText(site, source) else { continue }
            let offset = site.range.lowerBound
            if webArguments.contains(offset) { continue }
            if followsURL(site, source) { continue }
            let isLocation = locationArguments.contains(offset)
                || assignmentStarts.contains { $0.1 && $0.0.contains(offset) && $0.0.lowerBound < offset }
            for match in PathClassifier.matches(in: Array(value.utf8), isFileLocation: isLocation) {
                reporter.report(match, atFileByte: source.fileOffset(ofByte: offset), cell: source.cell(ofByte: offset))
            }
        }
        checkHomeCalls(source, &reporter)
    }

    /// The text of an f-string up to its first replacement field.
    private static func rawText(_ site: PythonStringSite, _ source: PythonSource) -> String? {
        guard site.isFormatted else { return nil }
        let bytes = source.bytes[site.range]
        guard let quote = bytes.firstIndex(where: { $0 == 0x22 || $0 == 0x27 }) else { return nil }
        let body = bytes[(quote + 1)...].prefix { $0 != UInt8(ascii: "{") && $0 != 0x22 && $0 != 0x27 }
        return String(decoding: body, as: UTF8.self)
    }

    /// `base_url + "/data/x"`: a string appended to a URL is a URL path.
    private static func followsURL(_ site: PythonStringSite, _ source: PythonSource) -> Bool {
        var i = site.range.lowerBound
        while i > 0, source.bytes[i - 1] == 0x20 { i -= 1 }
        guard i > 0, source.bytes[i - 1] == UInt8(ascii: "+") else { return false }
        i -= 1
        while i > 0, source.bytes[i - 1] == 0x20 { i -= 1 }
        var start = i
        while start > 0, isNameByte(source.bytes[start - 1]) || source.bytes[start - 1] == UInt8(ascii: ".") { start -= 1 }
        let name = String(decoding: source.bytes[start..<i], as: UTF8.self).lowercased()
        return name.contains("url") || name.contains("endpoint") || name.contains("host") || name.contains("api")
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "_")
    }

    /// PATH003 without a `~` literal: `Path.home() / "x"`, `Path.home().joinpath(…)`,
    /// `os.path.join(os.path.expanduser("~"), …)`.
    private static func checkHomeCalls(_ source: PythonSource, _ reporter: inout PathReporter) {
        let summary = source.summary
        for call in summary.calls {
            let name = call.qualifiedName
            var below: String?
            if name == "pathlib.Path.home().joinpath" || name == "pathlib.Path.home().__truediv__" {
                below = call.positional.first?.value.stringValue
            } else if name == "pathlib.Path.home" || name == "Path.home" {
                // `Path.home() / "data"`
                var i = call.range.upperBound
                while i < source.bytes.count, source.bytes[i] == 0x20 { i += 1 }
                if i < source.bytes.count, source.bytes[i] == UInt8(ascii: "/") { below = "…" }
            } else if name == "os.path.join", call.positional.count >= 2,
                      summary.calls.contains(where: { inner in
                          (inner.qualifiedName == "os.path.expanduser") && inner.positional.first?.value == .string("~")
                              && call.positional[0].range.contains(inner.range.lowerBound)
                      }) {
                below = call.positional[1].value.stringValue ?? "…"
            }
            guard let below else { continue }
            let match = PathClassifier.Match(kind: .homeRelative, offset: 0, path: "~/" + below)
            reporter.report(match, atFileByte: source.fileOffset(ofByte: call.range.lowerBound), cell: source.cell(ofByte: call.range.lowerBound))
        }
    }
}
