import Foundation

/// Collects the `host` section: OS, kernel, architecture, libc, CPU, memory,
/// container, and the hostname when asked for.
struct HostCollector {
    let context: SnapshotContext
    let includeHostname: Bool

    func collect() -> Section<HostInfo> {
        var warnings: [String] = []

        var os: HostInfo.OperatingSystem?
        for path in context.osReleasePaths {
            do {
                if let text = try FileSystem.readStringIfPresent(path) {
                    os = OSReleaseParser.operatingSystem(from: OSReleaseParser.parse(text))
                    break
                }
            } catch {
                warnings.append("os-release: \(error)")
            }
        }
        if os == nil, warnings.isEmpty { warnings.append("no os-release file found") }

        let system = Uname.current()
        let kernel = context.kernel ?? HostInfo.Kernel(name: system.sysname, release: system.release, version: system.version)
        let architecture = context.architecture ?? system.machine

        var cpu = HostInfo.CPU(model: nil, vendor: nil, logicalCores: 0, features: [])
        do {
            cpu = ProcInfoParser.cpu(fromCPUInfo: try FileSystem.readString(Path.join(context.procDirectory, "cpuinfo")))
        } catch {
            warnings.append("cpuinfo: \(error)")
        }
        if cpu.logicalCores == 0 { cpu.logicalCores = ProcessInfo.processInfo.processorCount }

        var memory: HostInfo.Memory?
        do {
            let text = try FileSystem.readString(Path.join(context.procDirectory, "meminfo"))
            memory = ProcInfoParser.memoryTotal(fromMemInfo: text).map { HostInfo.Memory(totalBytes: $0) }
        } catch {
            memory = Int64(exactly: ProcessInfo.processInfo.physicalMemory).map { HostInfo.Memory(totalBytes: $0) }
            if memory == nil { warnings.append("meminfo: \(error)") }
        }

        let hostname = includeHostname ? (context.hostname ?? Self.hostname()) : nil

        return .ok(HostInfo(
            os: os, kernel: kernel, architecture: architecture, libc: Self.libc(), cpu: cpu, memory: memory,
            container: ContainerDetector(context: context).detect(), hostname: hostname
        ), warnings: warnings)
    }

    /// `gethostname(2)`; unlike `ProcessInfo.hostName` it never asks the
    /// resolver (no network, no delay).
    static func hostname() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? nil : name
    }

    /// The C library this binary runs against.
    static func libc() -> HostInfo.Libc? {
        #if canImport(Glibc)
        // `gnu_get_libc_version()` is not exported by the Glibc module map;
        // confstr(_CS_GNU_LIBC_VERSION) reports the same ("glibc 2.36").
        var buffer = [CChar](repeating: 0, count: 128)
        let length = confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count)
        guard length > 0 else { return HostInfo.Libc(name: "glibc", version: nil) }
        let text = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let version = text.split(separator: " ").last.map(String.init)
        return HostInfo.Libc(name: "glibc", version: version)
        #elseif canImport(Musl)
        return HostInfo.Libc(name: "musl", version: nil)
        #elseif canImport(Darwin)
        return HostInfo.Libc(name: "libSystem", version: nil)
        #else
        return nil
        #endif
    }
}

/// `uname(2)`.
struct Uname {
    let sysname: String
    let release: String
    let version: String
    let machine: String

    static func current() -> Uname {
        var info = utsname()
        _ = uname(&info)
        func field<T>(_ value: inout T) -> String {
            withUnsafePointer(to: &value) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout<T>.size) { String(cString: $0) }
            }
        }
        return Uname(
            sysname: field(&info.sysname), release: field(&info.release),
            version: field(&info.version), machine: field(&info.machine)
        )
    }
}
