#if !FUZZING
import Foundation
import MLAuditFuzzing

/// Without libFuzzer: replays inputs through a target (a crash found by fuzzing,
/// a corpus) and writes seed corpora. `scripts/fuzz.sh` builds the libFuzzer binary.
@main
struct Replay {
    static let usage = """
        usage: mlaudit-fuzz TARGET FILE|DIRECTORY...    run each file (directories: every file inside) through TARGET
               mlaudit-fuzz seed TARGET FIXTURES OUTPUT  write TARGET's seed corpus from FIXTURES into OUTPUT
               mlaudit-fuzz list                         print the targets
        targets: \(FuzzTarget.names)
        """

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "list":
            for target in FuzzTarget.allCases { print(target.rawValue) }
        case "seed" where arguments.count == 4:
            let target = parseTarget(arguments[1])
            let seeds = SeedCorpus.seeds(for: target, fixtures: arguments[2])
            do {
                try FileManager.default.createDirectory(atPath: arguments[3], withIntermediateDirectories: true)
                for seed in seeds {
                    try Data(seed.bytes).write(to: URL(fileURLWithPath: arguments[3]).appendingPathComponent(seed.name))
                }
            } catch {
                fail("cannot write the seed corpus into \(arguments[3]): \(error)")
            }
            print("\(target.rawValue): \(seeds.count) seeds in \(arguments[3])")
        case let name? where arguments.count >= 2:
            let target = parseTarget(name)
            var count = 0
            for path in arguments.dropFirst() {
                for file in files(at: path) {
                    guard let data = FileManager.default.contents(atPath: file) else { fail("\(file): cannot be read") }
                    target.run([UInt8](data))
                    count += 1
                }
            }
            print("\(target.rawValue): \(count) inputs, no crash")
        default:
            fail(usage)
        }
    }

    static func parseTarget(_ name: String) -> FuzzTarget {
        guard let target = FuzzTarget(rawValue: name) else { fail("unknown target '\(name)'; targets: \(FuzzTarget.names)") }
        return target
    }

    /// The file itself, or every regular file under a directory, sorted.
    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { fail("\(path): no such file or directory") }
        guard isDirectory.boolValue else { return [path] }
        let entries = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []
        return entries.sorted().map { path + "/" + $0 }.filter {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && !isDir.boolValue
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
}
#endif
