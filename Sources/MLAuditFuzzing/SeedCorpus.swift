import Foundation
import MLAuditCore
import MLAuditDiff

/// The starting inputs of each target: the files of `fixtures/` and of the rule
/// catalogue's examples that the target reads, in the target's input encoding.
public enum SeedCorpus {
    public struct Seed: Sendable {
        /// Where the seed came from, usable as a file name.
        public var name: String
        public var bytes: [UInt8]
    }

    public static func seeds(for target: FuzzTarget, fixtures: String) -> [Seed] {
        var sources = fixtureFiles(fixtures)
        for rule in Catalogue.rules {
            for (index, example) in (rule.triggering + rule.nonTriggering).enumerated() {
                for (name, text) in example.files.sorted(by: { $0.key < $1.key }) {
                    sources.append(("rules/\(rule.id)/\(index)/\(name)", Array(text.utf8)))
                }
            }
        }
        var seeds: [Seed] = []
        for (path, bytes) in sources where !path.hasPrefix("fixtures/fuzz-regressions/") {
            for encoded in encode(path: path, bytes: bytes, for: target) {
                seeds.append(Seed(name: encoded.label + path.replacingOccurrences(of: "/", with: "_"), bytes: encoded.bytes))
            }
        }
        if target == .diffReaders { seeds += trackerRuns(fixtures) }
        if target == .glob { seeds += ignoreSeeds(sources) }
        seeds += regressions(for: target, fixtures: fixtures)
        return seeds
    }

    /// The inputs that once broke the target, as they are.
    static func regressions(for target: FuzzTarget, fixtures: String) -> [Seed] {
        let directory = "\(fixtures)/fuzz-regressions/\(target.rawValue)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: "\(directory)/\(name)").map { Seed(name: "regression-" + name, bytes: [UInt8]($0)) }
        }
    }

    /// Every regular file under `fixtures/` with its path relative to it.
    static func fixtureFiles(_ root: String) -> [(String, [UInt8])] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [(String, [UInt8])] = []
        for case let relative as String in walker {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            files.append(("fixtures/" + relative, [UInt8](data)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    static func encode(path: String, bytes: [UInt8], for target: FuzzTarget) -> [(label: String, bytes: [UInt8])] {
        let name = (path as NSString).lastPathComponent
        switch target {
        case .pythonLexer:
            return name.hasSuffix(".py") ? [("", bytes)] : []
        case .requirements:
            return name.hasSuffix(".txt") || name.hasSuffix(".in") ? [("", bytes)] : []
        case .notebook:
            return name.hasSuffix(".ipynb") ? [("", bytes)] : []
        case .dockerfile:
            return name.hasPrefix("Dockerfile") || name.hasSuffix(".dockerfile") || name == "Containerfile" ? [("", bytes)] : []
        case .manifest:
            return name.hasSuffix(".json") && String(decoding: bytes, as: UTF8.self).contains("\"schema_version\"") ? [("", bytes)] : []
        case .toml:
            let isTOML = name.hasSuffix(".toml") || name == "Pipfile" || name == "poetry.lock" || name == "uv.lock" || name == "pdm.lock"
            return isTOML ? [("", bytes)] : []
        case .glob:
            return []
        case .diffReaders:
            guard path.hasPrefix("fixtures/diff/") || path.hasPrefix("rules/ENV"), !name.hasSuffix(".md") else { return [] }
            if path.hasPrefix("fixtures/diff/mlflow") || path.hasPrefix("fixtures/diff/wandb") { return [] }
            var encoded = [("auto-", [selector(nil)] + bytes)]
            let folder = path.split(separator: "/").dropFirst(2).first.map(String.init) ?? ""
            if let format = fixtureFormats[folder] { encoded.append(("\(format.rawValue)-", [selector(format)] + bytes)) }
            return encoded
        }
    }

    static let fixtureFormats: [String: RecordingFormat] = [
        "conda-env": .condaEnv, "conda-explicit": .condaExplicit, "conda-list": .condaList, "conda-lock": .condaLock,
        "cyclonedx": .cyclonedx, "manifest": .manifest, "pip-freeze": .pipFreeze, "pip-inspect": .pipInspect,
        "pip-list": .pipList, "pipfile": .pipfileLock, "poetry": .poetryLock, "pylock": .pylock, "sacred": .sacred, "uv": .uvLock,
    ]

    /// Each pattern of the `.gitignore` files and `exclude` lists found, followed by the
    /// paths of the fixtures, as the glob target reads them.
    static func ignoreSeeds(_ sources: [(String, [UInt8])]) -> [Seed] {
        let paths = sources.map { $0.0 }.filter { $0.hasPrefix("fixtures/") }.prefix(40).map { String($0.dropFirst("fixtures/".count)) }
        var patterns: [String] = ["**/*.py", "/build/", "!keep.txt", "data/**/raw", "*.[ch]", "a/**/b/**/c", "\\#x", "[!a-z]?*"]
        for (path, bytes) in sources where path.hasSuffix(".gitignore") || path.hasSuffix(".ignore") {
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
                patterns.append(String(line))
            }
        }
        var seen = Set<String>()
        return patterns.filter { seen.insert($0).inserted }.prefix(200).enumerated().map { index, pattern in
            Seed(name: "glob-\(index)", bytes: Array(([pattern] + paths).joined(separator: "\n").utf8))
        }
    }

    static func selector(_ format: RecordingFormat?) -> UInt8 {
        UInt8(DiffReadersTarget.choices.firstIndex(of: format)!)
    }

    /// W&B and MLflow runs: the main file and its siblings joined by NUL bytes.
    static func trackerRuns(_ fixtures: String) -> [Seed] {
        var seeds: [Seed] = []
        let runs: [(RecordingFormat, String, [String])] = [
            (.wandb, "diff/wandb/run-20240312_101500-3kx9f2ab/files", ["wandb-metadata.json", "requirements.txt", "conda-environment.yaml"]),
            (.mlflow, "diff/mlflow/model", ["MLmodel", "requirements.txt", "conda.yaml", "python_env.yaml"]),
            // A current W&B offline run: no metadata file, the machine record in the binary log.
            (.wandb, "diff/real/wandb/offline-run-20261203_074127-vgxxh5f9",
             ["no-metadata", "files/requirements.txt", "no-conda-environment", "run-vgxxh5f9.wandb"]),
        ]
        for (format, directory, names) in runs {
            let parts = names.map { FileManager.default.contents(atPath: "\(fixtures)/\(directory)/\($0)").map { [UInt8]($0) } ?? [] }
            var bytes = [selector(format)]
            for (index, part) in parts.enumerated() {
                if index > 0 { bytes.append(0) }
                bytes += part
            }
            seeds.append(Seed(name: "\(format.rawValue)-run-\(seeds.count)", bytes: bytes))
            // Only the main file: the readers without siblings.
            seeds.append(Seed(name: "\(format.rawValue)-alone-\(seeds.count)", bytes: [selector(format)] + parts[0]))
        }
        return seeds
    }
}
