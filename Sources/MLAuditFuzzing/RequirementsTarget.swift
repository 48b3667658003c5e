import MLAuditParsers

/// A requirements file, and each of its lines read alone as a PEP 508 requirement,
/// a PEP 440 specifier set and version, a PEP 508 marker, a conda match spec and
/// a package argument of `pip install` / `conda install`.
enum RequirementsTarget {
    static let linux = MarkerEnvironment.cpython("3.11.4", platform: .linux, machine: "x86_64")
    static let windows = MarkerEnvironment.cpython("3.8", platform: .windows)
    static let reference = PEP440Version("1.0.post1.dev2+local.7")!

    static func run(_ bytes: [UInt8]) {
        let file = RequirementsFile.parse(bytes: bytes)
        let lineCount = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        for entry in file.entries {
            invariant(entry.line >= 1 && entry.line <= lineCount && entry.column >= 1, "entry at \(entry.line):\(entry.column) of \(lineCount) lines")
            _ = entry.pinning
            _ = entry.hasHash
        }
        for option in file.options {
            invariant(option.line >= 1 && option.line <= lineCount && option.valueLine >= option.line, "option at \(option.line), value at \(option.valueLine)")
        }
        for problem in file.problems {
            invariant(problem.line >= 1 && problem.line <= lineCount && problem.column >= 1, "problem at \(problem.line):\(problem.column)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(256) {
            runLine(line)
        }
    }

    static func runLine(_ line: Substring) {
        switch RequirementSpec.parseResult(line) {
        case .success(let spec):
            _ = spec.pinning
            if let set = try? PEP440SpecifierSet(spec.specifiers) {
                for specifier in set.specifiers {
                    if let version = specifier.version { _ = set.specifiers.map { $0.contains(version) } }
                }
            }
            if let marker = spec.marker, let expression = try? MarkerExpression(marker) {
                _ = expression.evaluate(linux)
                _ = expression.variables
            }
        case .failure(let error):
            invariant(error.offset >= 0 && error.offset <= line.utf8.count, "error offset \(error.offset) of \(line.utf8.count) bytes")
        }
        let text = String(line)
        if let set = try? PEP440SpecifierSet(text) { _ = set.description }
        if let version = PEP440Version(line) {
            _ = version.description
            _ = PEP440Version.compare(version, reference)
        }
        if let expression = try? MarkerExpression(text) { _ = expression.evaluate(windows) }
        _ = CondaMatchSpec.parse(line)
        _ = PackageArguments.classifyPython(text)
        _ = PackageArguments.classifyConda(text)
        _ = RequirementSpec.classify(line)
        _ = VCSReference.parse(line)
        _ = URLHash.inURL(line)
    }
}
