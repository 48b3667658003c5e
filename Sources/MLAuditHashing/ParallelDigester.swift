import Dispatch
import Foundation

/// Hashes many files on a bounded number of threads; results come back in request order.
public enum ParallelDigester {
    public struct Request: Sendable, Hashable {
        public var path: String
        public var algorithms: Set<DigestAlgorithm>
        public init(path: String, algorithms: Set<DigestAlgorithm>) {
            self.path = path
            self.algorithms = algorithms
        }
    }

    /// `jobs` nil = one thread per core. Each thread reuses one read buffer.
    public static func digest(_ requests: [Request], jobs: Int? = nil) -> [Result<FileDigests, FileDigestError>] {
        let results = Slots(count: requests.count)
        let workers = min(requests.count, max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount))
        guard workers > 0 else { return [] }
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let digester = FileDigester()
            defer { digester.release() }
            // A shared counter rather than fixed strides: one large file must not hold up the small ones queued behind it.
            while let i = next.take(below: requests.count) {
                results.set(i, Result { () throws(FileDigestError) in
                    try digester.digest(path: requests[i].path, algorithms: requests[i].algorithms)
                })
            }
        }
        return results.values
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func take(below limit: Int) -> Int? {
            lock.withLock {
                guard value < limit else { return nil }
                defer { value += 1 }
                return value
            }
        }
    }

    private final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Result<FileDigests, FileDigestError>?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: Result<FileDigests, FileDigestError>) { lock.withLock { storage[i] = value } }
        var values: [Result<FileDigests, FileDigestError>] {
            lock.withLock { storage.map { $0 ?? .failure(FileDigestError(path: "", reason: "not hashed")) } }
        }
    }
}
