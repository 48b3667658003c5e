/// Parses dpkg's status database (`/var/lib/dpkg/status`): one stanza per
/// package; only packages whose `Status` is `install ok installed` count.
enum DpkgStatusParser {
    private static let packageKey = Array("package".utf8)
    private static let statusKey = Array("status".utf8)
    private static let versionKey = Array("version".utf8)
    private static let architectureKey = Array("architecture".utf8)

    static func parse(_ bytes: [UInt8]) -> [SystemPackage] {
        var packages: [SystemPackage] = []
        bytes.withUnsafeBufferPointer { buffer in
            var name: String?
            var status: String?
            var version: String?
            var architecture: String?
            func flush() {
                if let name, let version, status == "install ok installed" {
                    packages.append(SystemPackage(name: name, version: version, architecture: architecture))
                }
                name = nil; status = nil; version = nil; architecture = nil
            }
            var lineStart = 0
            while lineStart < buffer.count {
                var lineEnd = lineStart
                while lineEnd < buffer.count, buffer[lineEnd] != 0x0a { lineEnd += 1 }
                var contentEnd = lineEnd
                if contentEnd > lineStart, buffer[contentEnd - 1] == 0x0d { contentEnd -= 1 }
                if contentEnd == lineStart {
                    flush()
                } else {
                    switch buffer[lineStart] | 0x20 {
                    case 0x70: // p
                        if let value = RFC822.value(of: packageKey, in: buffer, from: lineStart, to: contentEnd) { name = value }
                    case 0x73: // s
                        if let value = RFC822.value(of: statusKey, in: buffer, from: lineStart, to: contentEnd) { status = value }
                    case 0x76: // v
                        if let value = RFC822.value(of: versionKey, in: buffer, from: lineStart, to: contentEnd) { version = value }
                    case 0x61: // a
                        if let value = RFC822.value(of: architectureKey, in: buffer, from: lineStart, to: contentEnd) {
                            architecture = value
                        }
                    default: break
                    }
                }
                lineStart = lineEnd + 1
            }
            flush()
        }
        return packages
    }
}
