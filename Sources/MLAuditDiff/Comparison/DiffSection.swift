/// The parts of an environment `mlaudit diff` compares; the names are those of `--only`.
public enum DiffSection: String, Sendable, Hashable, CaseIterable, Comparable {
    case packages, python, platform, gpu, env, data, git, system, hardware

    /// The rules that report on this section.
    public var ruleIDs: [String] {
        switch self {
        case .packages: ["ENV001", "ENV002"]
        case .python: ["ENV003"]
        case .platform: ["ENV004"]
        case .gpu: ["ENV005"]
        case .env: ["ENV006"]
        case .data: ["ENV007"]
        case .git: ["ENV008"]
        case .system: ["ENV009"]
        case .hardware: ["ENV010"]
        }
    }

    public var title: String {
        switch self {
        case .packages: "packages"
        case .python: "python"
        case .platform: "platform"
        case .gpu: "gpu"
        case .env: "env"
        case .data: "data"
        case .git: "git"
        case .system: "system packages"
        case .hardware: "hardware"
        }
    }

    /// What the section covers, for `--help`.
    public var summary: String {
        switch self {
        case .packages: "Python and conda packages (ENV001, ENV002)"
        case .python: "interpreter (ENV003)"
        case .platform: "architecture, OS, libc, kernel (ENV004)"
        case .gpu: "GPUs, CUDA, cuDNN, driver (ENV005)"
        case .env: "determinism variables (ENV006)"
        case .data: "data checksums (ENV007)"
        case .git: "git commit and dirty tree (ENV008)"
        case .system: "dpkg/apk packages (ENV009)"
        case .hardware: "CPU model, cores, memory (ENV010)"
        }
    }

    /// Accepts the names of `--only` and a few spellings users try.
    public init?(argument: String) {
        switch argument.lowercased().trimmed {
        case "packages", "package", "pip", "conda": self = .packages
        case "python", "interpreter": self = .python
        case "platform", "os": self = .platform
        case "gpu", "gpus", "accelerators", "cuda": self = .gpu
        case "env", "environment", "variables": self = .env
        case "data": self = .data
        case "git", "code": self = .git
        case "system", "system-packages", "system_packages": self = .system
        case "hardware", "cpu": self = .hardware
        default: return nil
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: DiffSection, b: DiffSection) -> Bool { a.order < b.order }
}
