/// Text extracted from a file (a shell command embedded in a Dockerfile, a YAML
/// scalar, a JSON string of a notebook) together with where each of its bytes
/// came from, so that a finding inside it points at the right place of the file.
///
/// The mapping is a list of runs: virtual bytes `[start, next.start)` come from
/// file bytes starting at `fileStart`, one for one. A byte produced by an escape
/// sequence (`\"` in JSON) or by folding (a YAML line break read as a space) starts
/// a run of its own.
public struct MappedText: Sendable, Hashable {
    public private(set) var bytes: [UInt8]
    /// (virtual start, file start) pairs, sorted by virtual start; never empty once a byte was added.
    private var runs: [Run]

    struct Run: Sendable, Hashable {
        var virtualStart: Int
        var fileStart: Int
        /// A run of one file position (a decoded escape): every byte maps to `fileStart`.
        var isPoint: Bool
    }

    public init() {
        bytes = []
        runs = []
    }

    /// Text that is a contiguous slice of the file, starting at `fileOffset`.
    public init<C: Collection>(_ bytes: C, fileOffset: Int) where C.Element == UInt8 {
        self.bytes = Array(bytes)
        runs = [Run(virtualStart: 0, fileStart: fileOffset, isPoint: false)]
    }

    public var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends file bytes that sit at `fileOffset` onwards.
    public mutating func append<C: Collection>(_ slice: C, fileOffset: Int) where C.Element == UInt8 {
        if slice.isEmpty { return }
        if let last = runs.last, !last.isPoint, last.fileStart + (bytes.count - last.virtualStart) == fileOffset {
            // Continues the previous run.
        } else {
            runs.append(Run(virtualStart: bytes.count, fileStart: fileOffset, isPoint: false))
        }
        bytes.append(contentsOf: slice)
    }

    /// Appends bytes that do not appear literally in the file (a decoded escape, a
    /// folded line break); they all map to `fileOffset`.
    public mutating func appendSynthetic<C: Collection>(_ slice: C, fileOffset: Int) where C.Element == UInt8 {
        if slice.isEmpty { return }
        runs.append(Run(virtualStart: bytes.count, fileStart: fileOffset, isPoint: true))
        bytes.append(contentsOf: slice)
    }

    public mutating func appendSynthetic(_ byte: UInt8, fileOffset: Int) {
        appendSynthetic(CollectionOfOne(byte), fileOffset: fileOffset)
    }

    /// Appends another mapped text.
    public mutating func append(_ other: MappedText) {
        for (i, run) in other.runs.enumerated() {
            let end = i + 1 < other.runs.count ? other.runs[i + 1].virtualStart : other.bytes.count
            let slice = other.bytes[run.virtualStart..<end]
            if run.isPoint {
                appendSynthetic(slice, fileOffset: run.fileStart)
            } else {
                append(slice, fileOffset: run.fileStart)
            }
        }
    }

    /// The file offset of virtual byte `offset` (offsets at or past the end map to
    /// just after the last byte).
    public func fileOffset(of offset: Int) -> Int {
        guard !runs.isEmpty else { return 0 }
        if offset >= bytes.count {
            guard let last = runs.last else { return 0 }
            return last.isPoint ? last.fileStart : last.fileStart + (bytes.count - last.virtualStart)
        }
        var lo = 0
        var hi = runs.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if runs[mid].virtualStart <= offset { lo = mid } else { hi = mid - 1 }
        }
        let run = runs[lo]
        return run.isPoint ? run.fileStart : run.fileStart + (max(offset, 0) - run.virtualStart)
    }

    /// The sub-text `range` with its mapping.
    public func slice(_ range: Range<Int>) -> MappedText {
        var out = MappedText()
        let lower = max(0, range.lowerBound)
        let upper = min(bytes.count, range.upperBound)
        guard lower < upper else {
            // Empty, but still anchored where it was cut, for offsets at its end.
            if !runs.isEmpty { out.runs = [Run(virtualStart: 0, fileStart: fileOffset(of: lower), isPoint: true)] }
            return out
        }
        var i = lower
        while i < upper {
            // The run holding i and where it ends.
            var lo = 0
            var hi = runs.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if runs[mid].virtualStart <= i { lo = mid } else { hi = mid - 1 }
            }
            let run = runs[lo]
            let runEnd = lo + 1 < runs.count ? runs[lo + 1].virtualStart : bytes.count
            let end = min(runEnd, upper)
            if run.isPoint {
                out.appendSynthetic(bytes[i..<end], fileOffset: run.fileStart)
            } else {
                out.append(bytes[i..<end], fileOffset: run.fileStart + (i - run.virtualStart))
            }
            i = end
        }
        return out
    }

    /// Splits at `\n` bytes (the breaks themselves are dropped; a trailing break does not
    /// produce an empty last line).
    public func lines() -> [MappedText] {
        var result: [MappedText] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            result.append(slice(start..<i))
            start = i + 1
        }
        if start < bytes.count { result.append(slice(start..<bytes.count)) }
        return result
    }
}
