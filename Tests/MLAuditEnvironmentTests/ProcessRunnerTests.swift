import Foundation
@testable import MLAuditEnvironment
import Testing

@Suite struct ProcessRunnerTests {
    @Test func argumentsAreNotInterpretedByAShell() throws {
        let output = try ProcessRunner(environment: [:]).run("/bin/echo", ["$HOME", "a;b", "`x`"], timeout: 5)
        #expect(output.exitStatus == 0)
        #expect(output.stdoutText == "$HOME a;b `x`\n")
    }

    @Test func timeoutKills() throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("slow", "#!/bin/sh\nexec /bin/sleep 30\n", executable: true)
        let start = Date()
        #expect(throws: ProcessRunError.self) { try ProcessRunner(environment: [:]).run(script, [], timeout: 0.3) }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func slowNvidiaSMIIsRecordedAsFailure() throws {
        let directory = try TemporaryDirectory()
        try directory.write("bin/nvidia-smi", "#!/bin/sh\nexec /bin/sleep 30\n", executable: true)
        let context = SnapshotContext(rootDirectory: directory.path, environment: ["PATH": directory.url("bin")])
        let nvidia = AcceleratorCollector(context: context, timeout: 0.3).nvidia()
        #expect(nvidia.status == .failed)
        #expect(nvidia.reason?.contains("did not finish") == true, "\(nvidia.reason ?? "")")
    }

    @Test func brokenDriverIsRecordedAsFailure() throws {
        let directory = try TemporaryDirectory()
        try directory.write("bin/nvidia-smi", "#!/bin/sh\necho 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'\nexit 9\n", executable: true)
        let context = SnapshotContext(rootDirectory: directory.path, environment: ["PATH": directory.url("bin")])
        let nvidia = AcceleratorCollector(context: context, timeout: 5).nvidia()
        #expect(nvidia.status == .failed)
        #expect(nvidia.reason == "nvidia-smi exited with status 9: NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.")
    }

    @Test func noNvidiaSMIIsAbsence() throws {
        let context = SnapshotContext(rootDirectory: "/nonexistent", environment: ["PATH": "/nonexistent/bin"])
        let section = AcceleratorCollector(context: context, timeout: 5).collect()
        #expect(section.status == .ok)
        #expect(section.content?.nvidia.status == .absent)
        #expect(section.content?.cuda.status == .absent)
        #expect(section.content?.cudnn.status == .absent)
    }
}
