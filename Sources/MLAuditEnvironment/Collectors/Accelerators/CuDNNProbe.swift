/// Finds the cuDNN version from its header, else from library file names.
struct CuDNNProbe {
    let context: SnapshotContext

    func probe() -> AcceleratorInfo.CuDNN {
        var problems: [String] = []
        // Header first: it states the version exactly.
        for directory in context.cudnnSearchDirectories {
            let entries: [FileSystem.Entry]
            do {
                entries = try FileSystem.listIfPresent(directory)
            } catch {
                problems.append("\(error)")
                continue
            }
            let headers = entries.map(\.name).filter {
                ($0.hasPrefix("cudnn_version") || $0 == "cudnn.h") && $0.hasSuffix(".h")
            }.sorted()
            for header in headers {
                let path = Path.join(directory, header)
                if let text = try? FileSystem.readString(path, maxBytes: 1 << 20), let version = Self.version(fromHeader: text) {
                    return AcceleratorInfo.CuDNN(status: .found, version: version, source: path)
                }
            }
        }
        // Else the highest fully versioned libcudnn.so.X.Y.Z.
        var best: (version: [Int], path: String)?
        for directory in context.cudnnSearchDirectories {
            guard let entries = try? FileSystem.listIfPresent(directory) else { continue }
            for entry in entries where entry.name.hasPrefix("libcudnn.so.") {
                let parts = entry.name.dropFirst("libcudnn.so.".count).split(separator: ".").compactMap { Int($0) }
                guard !parts.isEmpty else { continue }
                if best.map({ $0.version.lexicographicallyPrecedes(parts) }) ?? true {
                    best = (parts, Path.join(directory, entry.name))
                }
            }
        }
        if let best {
            return AcceleratorInfo.CuDNN(
                status: .found, version: best.version.map(String.init).joined(separator: "."), source: best.path
            )
        }
        if !problems.isEmpty {
            return AcceleratorInfo.CuDNN(status: .failed, reason: problems.joined(separator: "; "))
        }
        return AcceleratorInfo.CuDNN(status: .absent, reason: "no cudnn_version.h header or libcudnn library found")
    }

    /// `#define CUDNN_MAJOR 8` / `CUDNN_MINOR` / `CUDNN_PATCHLEVEL`.
    static func version(fromHeader text: String) -> String? {
        var parts: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("#define CUDNN_") {
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard tokens.count >= 3 else { continue }
            let name = String(tokens[1])
            if ["CUDNN_MAJOR", "CUDNN_MINOR", "CUDNN_PATCHLEVEL"].contains(name), Int(tokens[2]) != nil {
                parts[name] = String(tokens[2])
            }
        }
        guard let major = parts["CUDNN_MAJOR"] else { return nil }
        return [major, parts["CUDNN_MINOR"] ?? "0", parts["CUDNN_PATCHLEVEL"] ?? "0"].joined(separator: ".")
    }
}
