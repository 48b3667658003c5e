/// A conda package version, ordered the way conda orders versions: an optional
/// `N!` epoch, components split at `.` (and at `_` before a digit), each split
/// into runs of digits and letters; `dev` sorts below and `post` above everything
/// else, other strings below numbers, and a missing part counts as 0, so
/// `1.1 == 1.1.0` and `1.1.0rc1 < 1.1`. A `+local` part is compared last.
public struct CondaVersion: Comparable, Hashable, Sendable {
    enum Part: Hashable, Sendable {
        case number(Int)
        case text(String)

        /// dev < other strings < numbers < post.
        private var rank: Int {
            switch self {
            case .text("dev"): 0
            case .text("post"): 3
            case .text: 1
            case .number: 2
            }
        }

        static func precedes(_ a: Part, _ b: Part) -> Bool {
            switch (a, b) {
            case let (.number(x), .number(y)): return x < y
            case let (.text(x), .text(y)) where a.rank == b.rank: return x < y
            default: return a.rank < b.rank
            }
        }
    }

    public let text: String
    public let epoch: Int
    let components: [[Part]]
    let local: [[Part]]

    public init(_ text: String) {
        self.text = text
        var body = Substring(text.lowercased().trimmed)
        var epoch = 0
        if let bang = body.firstIndex(of: "!"), let value = Int(body[..<bang]) {
            epoch = value
            body = body[body.index(after: bang)...]
        }
        var localText: Substring = ""
        if let plus = body.firstIndex(of: "+") {
            localText = body[body.index(after: plus)...]
            body = body[..<plus]
        }
        self.epoch = epoch
        components = Self.split(body)
        local = Self.split(localText)
    }

    /// The numeric release segments before the first non-numeric part (`[2, 1, 0]` for `2.1.0rc1`).
    public var release: [Int] {
        var out: [Int] = []
        for component in components {
            guard component.count == 1, case let .number(n) = component[0] else {
                if case let .number(n)? = component.first { out.append(n) }
                break
            }
            out.append(n)
        }
        return out
    }

    public var hasLocal: Bool { !local.isEmpty }

    /// Whether the versions differ only after the local `+` separator.
    public func sameExceptLocal(_ other: CondaVersion) -> Bool {
        epoch == other.epoch && Self.compare(components, other.components) == 0
    }

    static func split(_ text: Substring) -> [[Part]] {
        guard !text.isEmpty else { return [] }
        var components: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let char = text[index]
            let next = text.index(after: index)
            let splitsHere = char == "." || (char == "_" && next < text.endIndex && text[next].isNumber)
            if splitsHere {
                components.append(text[start ..< index])
                start = next
            }
            index = next
        }
        components.append(text[start...])
        return components.map(parts)
    }

    private static func parts(_ component: Substring) -> [Part] {
        var parts: [Part] = []
        var run = ""
        var runIsDigits = false
        func flush() {
            guard !run.isEmpty else { return }
            parts.append(runIsDigits ? .number(Int(run.prefix(18)) ?? Int.max) : .text(run))
            run = ""
        }
        for char in component {
            let isDigit = char.isASCII && char.isNumber
            if !run.isEmpty && isDigit != runIsDigits { flush() }
            runIsDigits = isDigit
            run.append(char)
        }
        flush()
        if case .text? = parts.first { parts.insert(.number(0), at: 0) }
        return parts.isEmpty ? [.number(0)] : parts
    }

    /// -1, 0 or 1; missing components and parts count as the number 0.
    static func compare(_ a: [[Part]], _ b: [[Part]]) -> Int {
        for i in 0 ..< max(a.count, b.count) {
            let x = i < a.count ? a[i] : [.number(0)]
            let y = i < b.count ? b[i] : [.number(0)]
            for j in 0 ..< max(x.count, y.count) {
                let p = j < x.count ? x[j] : .number(0)
                let q = j < y.count ? y[j] : .number(0)
                if Part.precedes(p, q) { return -1 }
                if Part.precedes(q, p) { return 1 }
            }
        }
        return 0
    }

    /// Index of the first component that differs, or nil when equal (epoch and local ignored).
    func firstDifferingComponent(_ other: CondaVersion) -> Int? {
        for i in 0 ..< max(components.count, other.components.count) {
            let x = i < components.count ? components[i] : [.number(0)]
            let y = i < other.components.count ? other.components[i] : [.number(0)]
            if Self.compare([x], [y]) != 0 { return i }
        }
        return nil
    }

    /// Whether the component at `index` differs only in a string part (a pre- or post-release label).
    func differsOnlyInLabel(_ other: CondaVersion, at index: Int) -> Bool {
        let x = index < components.count ? components[index] : [.number(0)]
        let y = index < other.components.count ? other.components[index] : [.number(0)]
        guard case let .number(a)? = x.first, case let .number(b)? = y.first else { return false }
        return a == b
    }

    public static func == (a: CondaVersion, b: CondaVersion) -> Bool {
        a.epoch == b.epoch && compare(a.components, b.components) == 0 && compare(a.local, b.local) == 0
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(epoch) }

    public static func < (a: CondaVersion, b: CondaVersion) -> Bool {
        if a.epoch != b.epoch { return a.epoch < b.epoch }
        let main = compare(a.components, b.components)
        if main != 0 { return main < 0 }
        return compare(a.local, b.local) < 0
    }
}
