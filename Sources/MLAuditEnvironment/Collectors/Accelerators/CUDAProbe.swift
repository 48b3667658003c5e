import Foundation

/// Finds the CUDA toolkit version (version.json / version.txt, `nvcc --version`).
struct CUDAProbe {
    let context: SnapshotContext
    let timeout: Double

    func probe() -> AcceleratorInfo.CUDA {
        var result = AcceleratorInfo.CUDA(status: .absent)
        let jsonPath = Path.join(context.cudaRoot, "version.json")
        let textPath = Path.join(context.cudaRoot, "version.txt")
        var problems: [String] = []
        do {
            if let text = try FileSystem.readStringIfPresent(jsonPath),
               let version = Self.version(fromVersionJSON: text) {
                result.toolkitVersion = version
                result.toolkitSource = jsonPath
            } else if let text = try FileSystem.readStringIfPresent(textPath),
                      let version = Self.version(fromVersionText: text) {
                result.toolkitVersion = version
                result.toolkitSource = textPath
            }
        } catch {
            problems.append("\(error)")
        }

        let bundled = Path.join(context.cudaRoot, "bin/nvcc")
        if let nvcc = context.findExecutable("nvcc") ?? (FileSystem.status(bundled)?.isExecutable == true ? bundled : nil) {
            result.nvccPath = nvcc
            do {
                let output = try context.processRunner.run(nvcc, ["--version"], timeout: timeout)
                if output.exitStatus == 0, let version = Self.version(fromNvccOutput: output.stdoutText) {
                    result.nvccVersion = version
                } else {
                    problems.append("nvcc --version exited with status \(output.exitStatus)")
                }
            } catch {
                problems.append("\(error)")
            }
        }

        if result.toolkitVersion != nil || result.nvccVersion != nil {
            result.status = .found
            result.reason = problems.isEmpty ? nil : problems.joined(separator: "; ")
        } else if !problems.isEmpty {
            result.status = .failed
            result.reason = problems.joined(separator: "; ")
        } else {
            result.reason = "no CUDA toolkit at \(context.cudaRoot) and no nvcc on PATH"
        }
        return result
    }

    /// `{"cuda": {"name": "CUDA SDK", "version": "12.2.2"}, ...}`.
    static func version(fromVersionJSON text: String) -> String? {
        guard let value = try? JSONParser.parse(text) else { return nil }
        return value["cuda"]?["version"]?.stringValue
    }

    /// `CUDA Version 11.0.228`.
    static func version(fromVersionText text: String) -> String? {
        guard let range = text.range(of: "CUDA Version ") else { return nil }
        let version = text[range.upperBound...].prefix { !$0.isWhitespace }
        return version.isEmpty ? nil : String(version)
    }

    /// `Cuda compilation tools, release 12.2, V12.2.140` → `12.2.140`.
    static func version(fromNvccOutput text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where line.contains("release") {
            if let v = line.split(separator: " ").last, v.hasPrefix("V") { return String(v.dropFirst()) }
            if let range = line.range(of: "release ") {
                return String(line[range.upperBound...].prefix { $0 != "," })
            }
        }
        return nil
    }
}
