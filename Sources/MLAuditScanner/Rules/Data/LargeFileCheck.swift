import MLAuditCore
#if canImport(Glibc)
import Glibc
#endif

/// DAT004: a large data, model or binary file in the tree, outside Git LFS and DVC.
struct LargeFileCheck {
    let project: ProjectContext
    let declarations: DataDeclarations

    func run() {
        let threshold = project.configuration.largeFileThreshold
        let catalogue = DataFileCatalogue.shared
        for file in project.index.files where file.size >= threshold {
            let name = RelativePath.name(of: file.relativePath)
            guard catalogue.isLargeFileCandidate(name: name) ?? Self.startsWithBinary(file.absolutePath) else { continue }
            if declarations.lfs.isLFS(file.relativePath) || declarations.dvc.output(covering: file.relativePath) != nil { continue }
            project.report("DAT004", in: file, line: 1,
                           message: "`\(file.relativePath)` is \(SizeText.format(file.size)) (threshold \(SizeText.format(threshold))) and neither Git LFS nor DVC tracks it, so git would store every version of it in full; `git lfs track` its pattern or `dvc add` it, or ignore it if it can be regenerated")
        }
    }

    /// A NUL byte in the first 8,000 bytes marks binary content, as git decides.
    static func startsWithBinary(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8000)
        let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8000) }
        return got > 0 && buffer[0..<got].contains(0)
    }
}
