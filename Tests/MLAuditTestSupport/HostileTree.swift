import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A project tree holding the malformed-input corpus: the committed files of
/// `fixtures/malformed` plus what git cannot hold or should not (a 100 MB line,
/// 10,000-deep nesting, a FIFO, a socket, link loops, links out of the root, names
/// with a newline or bytes that are not UTF-8).
public final class HostileTree: @unchecked Sendable {
    /// A diagnostic the scan must report: the path as reports show it, the line when known,
    /// and whether it is a problem (always shown) or a skip (shown with --verbose).
    public struct Expected: Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var isProblem: Bool
        public var description: String { path + (line.map { ":\($0)" } ?? "") }
    }

    public let tree: TemporaryTree
    /// A directory beside the tree, for link targets outside the root.
    public let outside: TemporaryTree
    public private(set) var expected: [Expected] = []

    public var url: URL { tree.url }

    public init() throws {
        tree = try TemporaryTree()
        outside = try TemporaryTree(files: ["requirements.txt": "numpy\n", "secret.py": "import random\nrandom.random()\n"])
        try copyCorpus()
        try generate()
    }

    public static let committed: [Expected] = [
        Expected(path: "docker/heredoc/Dockerfile", line: 2, isProblem: true),
        Expected(path: "docker/unterminated/Dockerfile", line: 2, isProblem: true),
        Expected(path: "encoding/latin1.py", line: 2, isProblem: true),
        Expected(path: "encoding/nul.py", line: nil, isProblem: false),
        Expected(path: "encoding/utf16.py", line: nil, isProblem: false),
        Expected(path: "json/Pipfile.lock", line: 1, isProblem: true),
        Expected(path: "notebooks/missing-keys.ipynb", line: 1, isProblem: true),
        Expected(path: "notebooks/source-as-number.ipynb", line: 5, isProblem: true),
        Expected(path: "notebooks/truncated.ipynb", line: 3, isProblem: true),
        Expected(path: "notebooks/wrong-nbformat.ipynb", line: 3, isProblem: true),
        Expected(path: "requirements/requirements.txt", line: 2, isProblem: true),
        Expected(path: "toml/pyproject.toml", line: 4, isProblem: true),
        Expected(path: "toml/pipfile/Pipfile", line: 3, isProblem: true),
        Expected(path: "yaml/bomb/.github/workflows/laughs.yml", line: nil, isProblem: true),
        Expected(path: "yaml/tabs.yaml", line: 3, isProblem: true),
        Expected(path: "yaml/truncated/environment.yml", line: 6, isProblem: true),
    ]

    private func copyCorpus() throws {
        let source = PackagePaths.fixtures.appendingPathComponent("malformed")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name != "README.md" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: url.appendingPathComponent(name))
        }
        expected += Self.committed
    }

    private func generate() throws {
        let dir = url.appendingPathComponent("generated")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let deep = 10_000

        // A 100 MB single line: above the default max-file-size, so skipped unread.
        let huge = dir.appendingPathComponent("huge-line.py")
        guard FileManager.default.createFile(atPath: huge.path, contents: nil) else { throw POSIXError(.EIO) }
        let handle = try FileHandle(forWritingTo: huge)
        try handle.write(contentsOf: Data("x = \"".utf8))
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<100 { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data("\"\n".utf8))
        try handle.close()
        expected.append(Expected(path: "generated/huge-line.py", line: nil, isProblem: false))

        try tree.write("generated/deep/environment.yml", "dependencies: " + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "\n")
        expected.append(Expected(path: "generated/deep/environment.yml", line: 1, isProblem: true))
        try tree.write("generated/deep/nested.ipynb", "{\"cells\": [], \"metadata\":\n" + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "}\n")
        expected.append(Expected(path: "generated/deep/nested.ipynb", line: 2, isProblem: true))
        try tree.write("generated/deep/pyproject.toml", "[project]\nname = \"deep\"\nx = " + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "\n")
        expected.append(Expected(path: "generated/deep/pyproject.toml", line: 3, isProblem: true))
        var block = ""
        for level in 0..<300 { block += String(repeating: " ", count: level) + "k\(level):\n" }
        block += String(repeating: " ", count: 300) + "/home/alice/data\n"
        try tree.write("generated/deep/block.yaml", block)
        expected.append(Expected(path: "generated/deep/block.yaml", line: 201, isProblem: true))

        // A notebook whose output is large: still read, its code still checked.
        let output = String(repeating: "A", count: 5_000_000)
        try tree.write("generated/huge-output.ipynb", """
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
         {"cell_type": "code", "execution_count": 1, "metadata": {},
          "outputs": [{"output_type": "display_data", "data": {"image/png": "\(output)"}, "metadata": {}}],
          "source": ["import random\\n", "random.random()\\n"]}
        ]}

        """)

        guard mkfifo(dir.appendingPathComponent("fifo.py").path, 0o644) == 0 else { throw POSIXError(.EIO) }
        expected.append(Expected(path: "generated/fifo.py", line: nil, isProblem: false))
        try Self.bindSocket(at: dir.appendingPathComponent("socket.py").path)
        expected.append(Expected(path: "generated/socket.py", line: nil, isProblem: false))

        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("loop-a").path, withDestinationPath: "loop-b")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("loop-b").path, withDestinationPath: "loop-a")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("self.py").path, withDestinationPath: "self.py")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("parent").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("outside").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("outside.py").path, withDestinationPath: outside.path + "/secret.py")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("passwd.txt").path, withDestinationPath: "/etc/passwd")
        for name in ["loop-a", "loop-b", "self.py", "outside", "outside.py", "passwd.txt"] {
            expected.append(Expected(path: "generated/\(name)", line: nil, isProblem: false))
        }

        try tree.write("generated/new\nline.py", "import random\nrandom.random()\n")
        var raw = Array(dir.path.utf8) + Array("/bad".utf8) + [0xFF, 0xFE] + Array("name.py".utf8) + [0]
        let fd = raw.withUnsafeMutableBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        guard fd >= 0 else { throw POSIXError(.EIO) }
        close(fd)
        expected.append(Expected(path: "generated/bad\\xFF\\xFEname.py", line: nil, isProblem: true))
    }

    static func bindSocket(at path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw POSIXError(.ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in bytes.enumerated() { buffer[i] = byte }
        }
        let status = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard status == 0 else { throw POSIXError(.EIO) }
    }
}
