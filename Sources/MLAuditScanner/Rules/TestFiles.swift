/// Which project files are tests: files under a `tests/` or `test/` directory, `test_*.py`,
/// `*_test.py` and `conftest.py`.
enum TestFiles {
    static func isTest(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return false }
        if parts.dropLast().contains(where: { $0 == "tests" || $0 == "test" }) { return true }
        return name == "conftest.py" || (name.hasPrefix("test_") && name.hasSuffix(".py")) || name.hasSuffix("_test.py")
            || name == "testing_utils.py"
    }

    /// Benchmarks (under `benchmarks/` or `benchmark/`, `benchmark_*.py`, `benchmarking_*.py`) time code
    /// on generated inputs; what they draw does not reach any result.
    static func isBenchmark(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return false }
        if parts.dropLast().contains(where: { $0 == "benchmarks" || $0 == "benchmark" }) { return true }
        return name.hasPrefix("benchmark_") || name.hasPrefix("benchmarking_")
    }
}
