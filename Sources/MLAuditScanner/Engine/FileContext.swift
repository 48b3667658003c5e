import MLAuditCore

/// One file under check: its bytes, where it sits in the project, and the sink
/// for findings. Confined to one thread; parsed forms of the file are built once
/// and shared by every rule through `artifact(_:_:)`.
public final class FileContext {
    public let file: DiscoveredFile
    public let bytes: [UInt8]
    public let project: ProjectIndex
    public let configuration: Configuration
    private let enabledRules: Set<String>
    private var artifacts: [String: Any] = [:]
    private var lineStartsCache: [Int]?
    private var lastColumn: (lineStart: Int, offset: Int, column: Int)?
    private var suppressions: Suppressions?
    private var isUnparsable = false
    public private(set) var findings: [Finding] = []
    /// Findings per rule kept, and those past `max-findings-per-rule` (only counted: a
    /// file that would give millions costs no more than counting them).
    private var keptPerRule: [String: Int] = [:]
    public private(set) var omittedPerRule: [String: Int] = [:]
    public private(set) var diagnostics: [Diagnostic] = []
    /// Facts a file rule publishes for project rules (e.g. the modules a file imports).
    public private(set) var facts: [String: any Sendable] = [:]

    public init(file: DiscoveredFile, bytes: [UInt8], project: ProjectIndex, configuration: Configuration, enabledRules: Set<String>) {
        self.file = file
        self.bytes = bytes
        self.project = project
        self.configuration = configuration
        self.enabledRules = enabledRules
    }

    public var kind: FileKind { file.kind }
    public var relativePath: String { file.relativePath }
    public var displayPath: String { file.displayPath }

    public func isEnabled(_ ruleID: String) -> Bool { enabledRules.contains(ruleID) }

    /// A parsed form of this file, built on first use and reused by every rule.
    public func artifact<T>(_ key: String, _ build: (FileContext) -> T) -> T {
        // Unwrap the stored Any first: casting a missing entry (nil) to an Optional T
        // succeeds, which made optional artifacts (yamlNode, tomlTable) never build.
        if let stored = artifacts[key], let cached = stored as? T { return cached }
        let value = build(self)
        artifacts[key] = value
        return value
    }

    public func publish(_ key: String, _ value: any Sendable) { facts[key] = value }

    // MARK: Lines

    /// Byte offset where each line starts (index 0 = line 1).
    public var lineStarts: [Int] {
        if let cached = lineStartsCache { return cached }
        let starts = LineStarts.of(bytes)
        lineStartsCache = starts
        return starts
    }

    public var lineCount: Int { lineStarts.count }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    public func position(ofByte offset: Int) -> (line: Int, column: Int) {
        let starts = lineStarts
        var lo = 0
        var hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, column(line: lo + 1, byteOffset: offset))
    }

    /// Column in Unicode scalars of a byte offset on a line: 1 + the scalars before it.
    /// Counting resumes from the previous answer on the same line, so many findings
    /// on one long line (a minified file) cost one pass over it, not one each.
    public func column(line: Int, byteOffset: Int) -> Int {
        let start = lineStarts[max(0, min(line - 1, lineStarts.count - 1))]
        let end = min(byteOffset, bytes.count)
        var column = 1
        var i = start
        if let last = lastColumn, last.lineStart == start, last.offset <= end {
            column = last.column
            i = last.offset
        }
        bytes.withUnsafeBufferPointer { buf in
            while i < end {
                if buf[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        if end >= start { lastColumn = (start, end, column) }
        return column
    }

    /// The bytes of a line without its line break.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        let starts = lineStarts
        guard line >= 1, line <= starts.count else { return [] }
        var end = line < starts.count ? starts[line] - 1 : bytes.count
        if end > starts[line - 1], end - 1 < bytes.count, end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[starts[line - 1]..<max(starts[line - 1], end)]
    }

    /// The whole file as text (invalid UTF-8 replaced), for parsers that need a String.
    public var text: String {
        artifact("text") { String(decoding: $0.bytes, as: UTF8.self) }
    }

    // MARK: Reporting

    /// Reports a finding unless the rule is disabled or suppressed here.
    /// `severity` overrides the rule's default for findings whose severity varies (a tag vs. no tag).
    public func report(_ ruleID: String, line: Int, column: Int = 1, endLine: Int? = nil, endColumn: Int? = nil,
                       message: String, severity: Severity? = nil, cell: Int? = nil) {
        guard enabledRules.contains(ruleID) else { return }
        if configuration.isIgnored(ruleID: ruleID, inFile: file.relativePath) { return }
        if suppressions == nil { suppressions = Suppressions(bytes: bytes) }
        if suppressions!.suppresses(ruleID, line: line) { return }
        let kept = keptPerRule[ruleID, default: 0]
        if kept >= configuration.maxFindingsPerRule {
            omittedPerRule[ruleID, default: 0] += 1
            return
        }
        keptPerRule[ruleID] = kept + 1
        let base = severity ?? Catalogue.rule(ruleID)?.defaultSeverity ?? .warning
        let effective = configuration.severityOverrides[ruleID] ?? base
        let location = Location(path: file.displayPath, line: line, column: column, endLine: endLine, endColumn: endColumn)
        let content = LineNormalizer.normalize(LineNormalizer.window(lineBytes(line), column: column))
        // Messages quote the file (URLs, arguments): no credential it holds may reach a report.
        // A count of 0 (written by some tools) is a cell that never ran, shown without one.
        let executionCount = cell.flatMap { number in notebook?.cells.first { $0.number == number }?.executionCount }.flatMap { $0 > 0 ? $0 : nil }
        findings.append(Finding(ruleID: ruleID, severity: effective, message: Redaction.redactText(message), location: location,
                                lineContent: content, cell: cell, executionCount: executionCount))
    }

    /// Reports at a byte offset of the file.
    public func report(_ ruleID: String, atByte offset: Int, message: String, severity: Severity? = nil, cell: Int? = nil) {
        let position = position(ofByte: offset)
        report(ruleID, line: position.line, column: position.column, message: message, severity: severity, cell: cell)
    }

    /// Records that part of a valid file was not read (shown with --verbose, never as an error).
    public func notePartNotRead(line: Int? = nil, _ message: String) {
        diagnostics.append(Diagnostic(kind: .skipped, path: file.displayPath, line: line, message: message))
    }

    /// Reports malformed content that was read anyway (a duplicated YAML key): the file
    /// is still checked, and later parse errors are still reported.
    public func diagnoseReadAnyway(line: Int?, _ message: String) {
        diagnostics.append(Diagnostic(kind: .parseError, path: file.displayPath, line: line, message: message))
    }

    /// Reports a rule-less problem with the file itself (it does not parse).
    /// The first parse error of a file is kept; rules should stop using the broken form.
    public func diagnose(line: Int? = nil, column: Int? = nil, _ message: String) {
        if isUnparsable { return }
        isUnparsable = true
        diagnostics.append(Diagnostic(kind: .parseError, path: file.displayPath, line: line, column: column, message: message))
    }
}

/// The line content used in baseline fingerprints: trimmed, inner whitespace folded.
public enum LineNormalizer {
    /// Longest part of a line a finding keeps for its fingerprint.
    public static let windowLimit = 4096

    /// The line, or on a very long one (a minified file, a notebook saved without
    /// newlines) the `windowLimit` bytes around `column`, so that a finding never
    /// holds a copy of a line of many megabytes.
    public static func window(_ line: ArraySlice<UInt8>, column: Int) -> ArraySlice<UInt8> {
        guard line.count > windowLimit else { return line }
        let center = line.startIndex + min(max(column - 1, 0), line.count)
        let start = max(line.startIndex, min(center - windowLimit / 2, line.endIndex - windowLimit))
        return line[start..<(start + windowLimit)]
    }

    public static func normalize(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if b == 0x20 || b == 0x09 || b == 0x0D {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
