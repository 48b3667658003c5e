/// Whether an optional probe found what it looked for.
public enum ProbeStatus: String, Codable, Sendable, Equatable {
    case found
    /// Not present on this machine: recorded, not an error.
    case absent
    /// Present but could not be queried (error output, timeout).
    case failed
}

/// GPUs and the CUDA stack.
public struct AcceleratorInfo: Codable, Sendable, Equatable {
    public var nvidia: Nvidia
    public var cuda: CUDA
    public var cudnn: CuDNN

    public struct Nvidia: Codable, Sendable, Equatable {
        public var status: ProbeStatus
        public var reason: String?
        /// The `nvidia-smi` that was run.
        public var executable: String?
        /// Sorted by `index`.
        public var gpus: [GPU]
    }

    public struct GPU: Codable, Sendable, Equatable {
        /// Position in `nvidia-smi` output.
        public var index: Int
        public var name: String
        public var memoryTotalMiB: Int?
        public var driverVersion: String?
        public var computeCapability: String?
        /// SHA-256 of the GPU UUID; the raw UUID is never written.
        public var uuidSHA256: String?

        enum CodingKeys: String, CodingKey {
            case index, name
            case memoryTotalMiB = "memory_total_mib"
            case driverVersion = "driver_version"
            case computeCapability = "compute_capability"
            case uuidSHA256 = "uuid_sha256"
        }
    }

    public struct CUDA: Codable, Sendable, Equatable {
        public var status: ProbeStatus
        public var reason: String?
        /// Toolkit version from the installation's version.json/version.txt.
        public var toolkitVersion: String?
        /// The file `toolkit_version` was read from.
        public var toolkitSource: String?
        /// Release reported by `nvcc --version` (`12.2.140`).
        public var nvccVersion: String?
        public var nvccPath: String?

        enum CodingKeys: String, CodingKey {
            case status, reason
            case toolkitVersion = "toolkit_version"
            case toolkitSource = "toolkit_source"
            case nvccVersion = "nvcc_version"
            case nvccPath = "nvcc_path"
        }
    }

    public struct CuDNN: Codable, Sendable, Equatable {
        public var status: ProbeStatus
        public var reason: String?
        public var version: String?
        /// Header or library file the version came from.
        public var source: String?
    }
}
