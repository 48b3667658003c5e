/// Decides whether the process runs in a container, and which kind.
struct ContainerDetector {
    let context: SnapshotContext

    func detect() -> HostInfo.Container {
        var runtimes: Set<String> = []
        var evidence: Set<String> = []
        if FileSystem.exists(Path.rooted(context.rootDirectory, "/.dockerenv")) {
            runtimes.insert("docker")
            evidence.insert("/.dockerenv")
        }
        if FileSystem.exists(Path.rooted(context.rootDirectory, "/run/.containerenv")) {
            runtimes.insert("podman")
            evidence.insert("/run/.containerenv")
        }
        if context.environment["KUBERNETES_SERVICE_HOST"] != nil {
            runtimes.insert("kubernetes")
            evidence.insert("KUBERNETES_SERVICE_HOST")
        }
        if let value = context.environment["container"], !value.isEmpty {
            // Set by podman, systemd-nspawn, LXC and others.
            runtimes.insert(value.lowercased())
            evidence.insert("container=\(value)")
        }
        let cgroupPath = Path.join(context.procDirectory, "1/cgroup")
        if let cgroup = try? FileSystem.readString(cgroupPath, maxBytes: 1 << 16) {
            let hints: [(String, String)] = [
                ("docker", "docker"), ("kubepods", "kubernetes"), ("containerd", "containerd"),
                ("libpod", "podman"), ("lxc", "lxc"),
            ]
            for (needle, runtime) in hints where cgroup.contains(needle) {
                runtimes.insert(runtime)
                evidence.insert("/proc/1/cgroup: \(needle)")
            }
        }
        return HostInfo.Container(detected: !runtimes.isEmpty, runtimes: runtimes.sorted(), evidence: evidence.sorted())
    }
}
