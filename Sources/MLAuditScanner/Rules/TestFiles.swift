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

    /// Conversion scripts (`convert_*.py`) turn one checkpoint format into another; the
    /// random inputs they feed both models only compare the outputs.
    static func isConversion(_ path: String) -> Bool {
        guard let name = path.split(separator: "/").last else { return false }
        return name.hasPrefix("convert_") || name.hasPrefix("convert-") || name == "convert.py"
    }

    /// Python files under a `configs/` directory are configuration a training harness loads
    /// by path (detectron2's LazyConfig, mmcv's Config.fromfile), not programs.
    static func isConfiguration(_ path: String) -> Bool {
        path.split(separator: "/").dropLast().contains { $0 == "configs" }
    }
}
