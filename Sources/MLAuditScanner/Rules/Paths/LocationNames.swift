/// Names of variables, keys and options that hold a file location: `data_dir`,
/// `MODEL_PATH`, `outputFolder`, `--ckpt`, `root`, `logdir`.
enum LocationNames {
    static let lastWords: Set<String> = ["dir", "path", "file", "root", "folder", "directory", "ckpt", "checkpoint", "filename",
                                         "filepath", "dirname", "dirpath", "location", "home"]
    /// Words ending like a location word that name something else.
    static let notLocations: Set<String> = ["xpath", "jsonpath", "urlpath", "profile"]

    static func isLocationName(_ name: String) -> Bool {
        guard let last = words(name).last else { return false }
        if lastWords.contains(last) { return true }
        if notLocations.contains(last) { return false }
        return last.hasSuffix("dir") || last.hasSuffix("path") || last.hasSuffix("root") || last.hasSuffix("file")
    }

    /// Lowercased words of an identifier split at `_`, `-`, `.` and camelCase humps
    /// (leading dashes of an option dropped).
    static func words(_ name: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        var previousLower = false
        for c in name.utf8 {
            let isUpper = c >= 0x41 && c <= 0x5A
            let isLower = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            if !isUpper && !isLower {
                if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
                current = []
                previousLower = false
                continue
            }
            if isUpper && previousLower {
                result.append(String(decoding: current, as: UTF8.self))
                current = []
            }
            current.append(isUpper ? c | 0x20 : c)
            previousLower = isLower
        }
        if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
        return result
    }
}
