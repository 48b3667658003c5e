extension PEP440Version {
    /// The pre-release part of a version: `a1`, `b2`, `rc3`.
    public struct PreRelease: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Ordered as PEP 440 orders them: alpha < beta < release candidate.
        public enum Kind: Int, Sendable, Hashable, Comparable, CaseIterable {
            case alpha, beta, rc

            /// The normalised spelling (`a`, `b`, `rc`).
            public var label: String {
                switch self {
                case .alpha: "a"
                case .beta: "b"
                case .rc: "rc"
                }
            }

            public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
        }

        public var kind: Kind
        public var number: Int

        public init(kind: Kind, number: Int) {
            self.kind = kind
            self.number = number
        }

        public var description: String { kind.label + String(number) }

        public static func < (lhs: PreRelease, rhs: PreRelease) -> Bool {
            lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.number < rhs.number
        }
    }

    /// One dot-separated part of a local version label (`cu121`, `1`).
    /// Numbers compare numerically, text lexically, and a number sorts after text.
    public enum LocalSegment: Sendable, Hashable, Comparable, CustomStringConvertible {
        case number(Int)
        /// Lowercase ASCII letters and digits, at least one letter.
        case text(String)

        public var description: String {
            switch self {
            case .number(let n): String(n)
            case .text(let s): s
            }
        }

        public static func < (lhs: LocalSegment, rhs: LocalSegment) -> Bool {
            switch (lhs, rhs) {
            case (.number(let a), .number(let b)): a < b
            case (.text(let a), .text(let b)): a.utf8.lexicographicallyPrecedes(b.utf8)
            case (.text, .number): true
            case (.number, .text): false
            }
        }
    }
}
