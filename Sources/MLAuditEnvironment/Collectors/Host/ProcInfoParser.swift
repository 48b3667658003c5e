/// Reads the parts of /proc/cpuinfo and /proc/meminfo a manifest records.
enum ProcInfoParser {
    /// Instruction-set extensions worth recording: numeric libraries pick
    /// different kernels (and so produce different bits) depending on them.
    static let recordedCPUFeatures: Set<String> = [
        "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
        "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8", "sha_ni",
        // aarch64
        "asimd", "asimdhp", "fphp", "sve", "sve2", "bf16", "i8mm",
    ]

    static func cpu(fromCPUInfo text: String) -> HostInfo.CPU {
        var model: String?
        var vendor: String?
        var processors = 0
        var features: [String] = []
        var sawFeatures = false
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingSpaces()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            switch key {
            case "processor": processors += 1
            case "model name", "Model", "cpu model", "Hardware":
                if model == nil, !value.isEmpty { model = String(value) }
            case "vendor_id", "CPU implementer":
                if vendor == nil { vendor = String(value) }
            case "flags", "Features":
                if !sawFeatures {
                    sawFeatures = true
                    features = value.split(separator: " ").map(String.init).filter(recordedCPUFeatures.contains)
                }
            default: break
            }
        }
        return HostInfo.CPU(model: model, vendor: vendor, logicalCores: processors, features: Array(Set(features)).sorted())
    }

    /// `MemTotal` in bytes.
    static func memoryTotal(fromMemInfo text: String) -> Int64? {
        for line in text.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let parts = line.dropFirst("MemTotal:".count).split(separator: " ")
            guard let amount = parts.first.flatMap({ Int64($0) }) else { return nil }
            let unit = parts.count > 1 ? parts[1].lowercased() : "b"
            return unit == "kb" ? amount * 1024 : amount
        }
        return nil
    }
}
