import MLAuditParsers

/// A Dockerfile: instructions, stages, build arguments, here-documents and the
/// shell of its `RUN` instructions.
enum DockerfileTarget {
    static func run(_ bytes: [UInt8]) {
        let dockerfile = DockerfileParser.parse(bytes)
        let lineCount = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        for instruction in dockerfile.instructions {
            invariant(instruction.line >= 1 && instruction.line <= instruction.endLine && instruction.endLine <= lineCount,
                      "\(instruction.keyword) at lines \(instruction.line)–\(instruction.endLine) of \(lineCount)")
            invariant(instruction.offset >= 0 && instruction.offset < bytes.count, "\(instruction.keyword) at byte \(instruction.offset)")
            ShellCheck.checkMapping(instruction.arguments, fileSize: bytes.count)
            for heredoc in instruction.heredocs { ShellCheck.checkMapping(heredoc.body, fileSize: bytes.count) }
        }
        invariant(dockerfile.variablesAt.count == dockerfile.instructions.count, "variables for \(dockerfile.variablesAt.count) instructions")
        for stage in dockerfile.stages {
            invariant(stage.instructionIndex < dockerfile.instructions.count, "stage at instruction \(stage.instructionIndex)")
            invariant(stage.imageOffset >= 0 && stage.imageOffset <= bytes.count, "image at byte \(stage.imageOffset)")
            if let parent = stage.parentStage { invariant(parent >= 0 && parent < dockerfile.stages.count, "parent stage \(parent)") }
            _ = ImageReference(stage.resolvedImage).pinning
        }
        for diagnostic in dockerfile.diagnostics {
            invariant(diagnostic.offset >= 0 && diagnostic.offset <= bytes.count, "diagnostic at \(diagnostic.offset) of \(bytes.count)")
        }
        ShellCheck.run(dockerfile.shellRegions, fileSize: bytes.count)
    }
}
