/// Collects the `accelerators` section. Missing hardware or toolkits are
/// recorded as absent; only the section's own bugs would fail it.
struct AcceleratorCollector {
    let context: SnapshotContext
    let timeout: Double

    func collect() -> Section<AcceleratorInfo> {
        .ok(AcceleratorInfo(
            nvidia: nvidia(), cuda: CUDAProbe(context: context, timeout: timeout).probe(),
            cudnn: CuDNNProbe(context: context).probe()
        ))
    }

    func nvidia() -> AcceleratorInfo.Nvidia {
        guard let executable = context.findExecutable("nvidia-smi") else {
            return AcceleratorInfo.Nvidia(status: .absent, reason: "nvidia-smi not found on PATH", gpus: [])
        }
        do {
            let output = try context.processRunner.run(executable, NvidiaSMIParser.arguments, timeout: timeout)
            guard output.exitStatus == 0 else {
                // nvidia-smi reports driver problems on stdout.
                let message = output.stderrSummary.isEmpty
                    ? output.stdoutText.split(whereSeparator: \.isNewline).first.map { String($0.prefix(200)) } ?? ""
                    : output.stderrSummary
                return AcceleratorInfo.Nvidia(
                    status: .failed, reason: "nvidia-smi exited with status \(output.exitStatus): \(message)",
                    executable: executable, gpus: []
                )
            }
            let gpus = NvidiaSMIParser.parse(output.stdoutText)
            return AcceleratorInfo.Nvidia(
                status: gpus.isEmpty ? .absent : .found, reason: gpus.isEmpty ? "nvidia-smi listed no GPUs" : nil,
                executable: executable, gpus: gpus
            )
        } catch {
            return AcceleratorInfo.Nvidia(status: .failed, reason: "\(error)", executable: executable, gpus: [])
        }
    }
}
