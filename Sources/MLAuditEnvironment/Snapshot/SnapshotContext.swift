import Foundation

/// Where the collectors look. Every file-system location and the process
/// environment are injectable, so tests point a snapshot at a fake tree.
public struct SnapshotContext: Sendable {
    /// Prefix for absolute system paths (`/.dockerenv`, `/usr/local/cuda`,
    /// `/var/lib/rpm`, library directories).
    public var rootDirectory: String
    /// procfs (`cpuinfo`, `meminfo`, `1/cgroup`, `sys/kernel/*`).
    public var procDirectory: String
    /// os-release candidates, first readable wins.
    public var osReleasePaths: [String]
    public var dpkgStatusPath: String
    public var apkInstalledPath: String
    /// rpm database locations (only noted, never parsed).
    public var rpmDatabasePaths: [String]
    /// CUDA installation directory.
    public var cudaRoot: String
    /// Directories searched for cuDNN headers and libraries.
    public var cudnnSearchDirectories: [String]
    /// The environment the collectors read (and subprocesses inherit):
    /// `PATH` (for nvidia-smi, nvcc, python3, git), `VIRTUAL_ENV`,
    /// `CONDA_PREFIX`, allowlisted variables.
    public var environment: [String: String]
    /// Where the data hash cache lives; `nil`: `$XDG_CACHE_HOME/mlaudit`,
    /// else `~/.cache/mlaudit`.
    public var cacheDirectory: String?
    /// Current directory, for relative `projectRoot`/`--data` paths.
    public var workingDirectory: String
    /// Replaces `uname()` (tests).
    public var kernel: HostInfo.Kernel?
    public var architecture: String?
    public var hostname: String?
    public var now: @Sendable () -> Date

    /// A context for the machine this process runs on, or for a fake tree
    /// under `rootDirectory`.
    public init(rootDirectory: String = "/", environment: [String: String] = ProcessInfo.processInfo.environment) {
        let root = rootDirectory
        self.rootDirectory = root
        procDirectory = Path.rooted(root, "/proc")
        osReleasePaths = [Path.rooted(root, "/etc/os-release"), Path.rooted(root, "/usr/lib/os-release")]
        dpkgStatusPath = Path.rooted(root, "/var/lib/dpkg/status")
        apkInstalledPath = Path.rooted(root, "/lib/apk/db/installed")
        rpmDatabasePaths = ["/var/lib/rpm", "/usr/lib/sysimage/rpm"].map { Path.rooted(root, $0) }
        cudaRoot = Path.rooted(root, "/usr/local/cuda")
        cudnnSearchDirectories = [
            "/usr/local/cuda/include", "/usr/include", "/usr/include/x86_64-linux-gnu", "/usr/include/aarch64-linux-gnu",
            "/usr/local/cuda/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
        ].map { Path.rooted(root, $0) }
        self.environment = environment
        cacheDirectory = nil
        workingDirectory = FileSystem.currentDirectory
        kernel = nil
        architecture = nil
        hostname = nil
        now = { Date() }
    }

    /// The data hash cache directory in effect.
    var resolvedCacheDirectory: String? {
        if let cacheDirectory { return cacheDirectory }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return Path.join(xdg, "mlaudit") }
        if let home = environment["HOME"], home.hasPrefix("/") { return Path.join(home, ".cache/mlaudit") }
        return nil
    }

    var processRunner: ProcessRunner { ProcessRunner(environment: environment) }

    func findExecutable(_ name: String) -> String? {
        ExecutableLookup.find(name, searchPath: environment["PATH"])
    }
}
