import MLAuditHashing

/// Parses `nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap,uuid
/// --format=csv,noheader` output.
enum NvidiaSMIParser {
    static let arguments = ["--query-gpu=name,memory.total,driver_version,compute_cap,uuid", "--format=csv,noheader"]

    static func parse(_ output: String) -> [AcceleratorInfo.GPU] {
        var gpus: [AcceleratorInfo.GPU] = []
        for line in output.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmingSpaces()) }
            guard fields.count >= 5, !fields[0].isEmpty else { continue }
            gpus.append(AcceleratorInfo.GPU(
                index: gpus.count,
                name: fields[0],
                memoryTotalMiB: mebibytes(fields[1]),
                driverVersion: known(fields[2]),
                computeCapability: known(fields[3]),
                uuidSHA256: known(fields[4]).map { SHA256.hash($0).hex }
            ))
        }
        return gpus
    }

    /// `"40960 MiB"` → 40960.
    private static func mebibytes(_ field: String) -> Int? {
        let parts = field.split(separator: " ")
        guard let number = parts.first.flatMap({ Int($0) }) else { return nil }
        if parts.count > 1, parts[1].lowercased() == "gib" { return number * 1024 }
        return number
    }

    private static func known(_ field: String) -> String? {
        field.isEmpty || field.hasPrefix("[") || field == "N/A" ? nil : field
    }
}
