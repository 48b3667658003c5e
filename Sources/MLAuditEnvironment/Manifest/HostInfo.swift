/// The machine and operating system.
public struct HostInfo: Codable, Sendable, Equatable {
    public var os: OperatingSystem?
    public var kernel: Kernel
    public var architecture: String
    public var libc: Libc?
    public var cpu: CPU
    public var memory: Memory?
    public var container: Container
    /// Only with `--include-hostname`.
    public var hostname: String?

    public struct OperatingSystem: Codable, Sendable, Equatable {
        /// `ID` from os-release (`debian`, `ubuntu`, `alpine`...).
        public var id: String?
        public var name: String?
        public var version: String?
        public var versionID: String?
        public var prettyName: String?

        enum CodingKeys: String, CodingKey {
            case id, name, version
            case versionID = "version_id"
            case prettyName = "pretty_name"
        }
    }

    public struct Kernel: Codable, Sendable, Equatable {
        public var name: String
        public var release: String
        public var version: String?

        public init(name: String, release: String, version: String?) {
            self.name = name
            self.release = release
            self.version = version
        }
    }

    public struct Libc: Codable, Sendable, Equatable {
        public var name: String
        public var version: String?
    }

    public struct CPU: Codable, Sendable, Equatable {
        public var model: String?
        public var vendor: String?
        public var logicalCores: Int
        /// Instruction-set extensions that select different numeric kernels
        /// (BLAS, oneDNN, ...), from a fixed list; sorted.
        public var features: [String]

        enum CodingKeys: String, CodingKey {
            case model, vendor
            case logicalCores = "logical_cores"
            case features
        }
    }

    public struct Memory: Codable, Sendable, Equatable {
        public var totalBytes: Int64

        enum CodingKeys: String, CodingKey {
            case totalBytes = "total_bytes"
        }
    }

    public struct Container: Codable, Sendable, Equatable {
        public var detected: Bool
        /// `docker`, `podman`, `kubernetes`, `containerd`, `lxc`; sorted.
        public var runtimes: [String]
        /// The evidence: files and variables that were found; sorted.
        public var evidence: [String]
    }
}
