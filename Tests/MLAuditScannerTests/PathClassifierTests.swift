@testable import MLAuditScanner
import Testing

/// What counts as a machine-specific path inside one value, case by case.
@Suite struct PathClassifierTests {
    static let cases: [(String, [PathClassifier.Kind], Bool)] = [
        // (value, kinds found, value used as a file location)
        ("/home/ana/data/train.csv", [.userHome], false),
        ("/home", [], false),
        ("/home/", [], false),
        ("/private/home/bob/exp", [.userHome], false),
        ("/net/fs1/home/carol/x", [.userHome], false),
        ("/Users/dan/Downloads/a.csv", [.userHome], false),
        ("/Users/Shared/data", [], false),
        ("/root/.cache/x", [.userHome], false),
        ("C:\\Users\\erin\\vocab.txt", [.userHome], false),
        ("c:/users/erin/x", [.userHome], false),
        ("C:\\Users\\Public\\x", [.machine], false),
        ("D:\\datasets\\coco", [.machine], false),
        ("--cache=/home/ana/.cache", [.userHome], false),
        ("/home/ana/data:/data", [.userHome], false),
        ("https://example.org/home/ana/file", [], false),
        ("s3://bucket/Users/x", [], false),
        ("file:///Users/erin/models", [.userHome], false),
        ("/mnt/data/x", [.machine], false),
        ("/data", [], false),
        ("/data/imagenet", [.machine], false),
        ("/content/drive/MyDrive/x", [.machine], false),
        ("/kaggle/input/titanic/train.csv", [.machine], false),
        ("/usr/local/bin/python", [], true),
        ("/tmp/out.json", [], false),
        ("/srv/models/model.onnx", [.machine], false),
        ("/srv/models", [], false),
        ("/srv/models", [.machine], true),
        ("/api/v1/users", [], false),
        ("/.github/workflows", [], true),
        ("~/data/x.csv", [.homeRelative], false),
        ("~ana/data", [.homeRelative], false),
        ("~is_test", [], false),
        ("y ~ x1 + x2", [], false),
        ("a/b/c", [], false),
        ("1/2", [], false),
        ("http://localhost:8000/health", [], false),
    ]

    @Test(arguments: 0..<cases.count)
    func classifies(_ index: Int) {
        let (value, kinds, location) = Self.cases[index]
        let found = PathClassifier.matches(in: Array(value.utf8), isFileLocation: location).map(\.kind)
        #expect(found == kinds, "\(value)")
    }

    @Test func locationNames() {
        for name in ["data_dir", "ckpt", "root", "output_path", "cache_folder", "log_file"] {
            #expect(PathClassifier.isLocationName(name), "\(name)")
        }
        for name in ["batch_size", "model_name", "url"] {
            #expect(!PathClassifier.isLocationName(name), "\(name)")
        }
    }
}
