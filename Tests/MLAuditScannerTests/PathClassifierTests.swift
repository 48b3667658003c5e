@testable import MLAuditScanner
import MLAuditParsers
import Testing

@Suite struct PathClassifierTests {
    /// What the classifier finds in a text: each path as written and its class.
    static func found(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return PathClassifier.mentions(in: bytes).map { mention in
            let path = String(decoding: bytes[mention.range], as: UTF8.self)
            let kind: String
            switch mention.pathClass {
            case .userHome(let user): kind = "home(\(user))"
            case .machineLocation(.root(let root)): kind = "machine(/\(root))"
            case .machineLocation(.colabDrive): kind = "machine(colab)"
            case .machineLocation(.kaggleInput): kind = "machine(kaggle)"
            case .machineLocation(.windowsDrive(let drive)): kind = "machine(\(drive):)"
            case .absolute: kind = mention.hasFileExtension ? "absolute(file)" : "absolute"
            case .system: kind = "system"
            case .placeholder: kind = "placeholder"
            case .homeRelative: kind = "homeRelative"
            }
            return "\(path) \(kind)"
        }
    }

    struct PathCase: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: [String]
        var testDescription: String { text }
    }

    static let cases: [PathCase] = table.map { PathCase(text: $0.text, expected: $0.expected) }

    static let table: [(text: String, expected: [String])] = [
        // Linux, macOS and cluster homes
        ("/home/ana/projects/cifar/data", ["/home/ana/projects/cifar/data home(ana)"]),
        ("/home/ana", ["/home/ana home(ana)"]),
        ("/private/home/bkim/imagenet", ["/private/home/bkim/imagenet home(bkim)"]),
        ("/net/fs1/home/ana/x", ["/net/fs1/home/ana/x home(ana)"]),
        ("/Users/bkim/experiments/run-17", ["/Users/bkim/experiments/run-17 home(bkim)"]),
        // The superuser's dot-directories are tool state, the same on every machine; its other entries are not.
        ("/root/.cache/huggingface", ["/root/.cache/huggingface system"]),
        ("/root/data/alice/ckpt", ["/root/data/alice/ckpt home(root)"]),
        ("/home/ec2-user/SageMaker/custom-miniconda", ["/home/ec2-user/SageMaker/custom-miniconda system"]),
        ("/home/user/input", ["/home/user/input placeholder"]),
        ("/content/sample_data", ["/content/sample_data system"]),
        ("~/.cache/clip", ["~/.cache/clip system"]),
        // Not a particular user's home
        ("/home", []),
        ("/home/", []),
        ("/root", []),
        ("/home/$USER/data", ["/home/$USER/data absolute"]),
        ("/home/{user}/data", ["/home/{user}/data absolute"]),
        ("/Users/Shared/datasets/mnist", ["/Users/Shared/datasets/mnist absolute"]),
        ("/usr/share/home/x/y", ["/usr/share/home/x/y system"]),
        // Windows, any slash, case and drive
        (#"C:\Users\dana\Downloads\sales.csv"#, [#"C:\Users\dana\Downloads\sales.csv home(dana)"#]),
        ("c:/users/name/x", ["c:/users/name/x home(name)"]),
        (#"D:\USERS\erin\vocab.txt"#, [#"D:\USERS\erin\vocab.txt home(erin)"#]),
        (#"C:\\Users\\erin\\vocab.txt"#, [#"C:\\Users\\erin\\vocab.txt home(erin)"#]),
        (#"C:\Users\Public\Documents\mnist"#, [#"C:\Users\Public\Documents\mnist machine(C:)"#]),
        (#"D:\datasets\coco"#, [#"D:\datasets\coco machine(D:)"#]),
        ("e:/data", ["e:/data machine(E:)"]),
        (#"C:\Windows\System32\cmd.exe"#, [#"C:\Windows\System32\cmd.exe system"#]),
        (#"C:\Program Files\NVIDIA"#, [#"C:\Program system"#]),
        ("x:", []),
        ("Loss: 0.5", []),
        // Machine-specific locations
        ("/mnt/nas/imagenet", ["/mnt/nas/imagenet machine(/mnt)"]),
        ("/mnt/", []),
        ("/data/raw/events.csv", ["/data/raw/events.csv machine(/data)"]),
        ("/data", []),
        ("/Volumes/T7/x", ["/Volumes/T7/x machine(/Volumes)"]),
        ("/content/drive/MyDrive/titanic/train.csv", ["/content/drive/MyDrive/titanic/train.csv machine(colab)"]),
        ("/content/drive", ["/content/drive absolute"]),
        ("/kaggle/input/titanic/test.csv", ["/kaggle/input/titanic/test.csv machine(kaggle)"]),
        ("/kaggle/working/out", ["/kaggle/working/out absolute"]),
        ("/dbfs/FileStore/x", ["/dbfs/FileStore/x machine(/dbfs)"]),
        // System, placeholders, other absolute paths
        ("/etc/ssl/certs/ca-certificates.crt", ["/etc/ssl/certs/ca-certificates.crt system"]),
        ("/tmp/mlproj-cache", ["/tmp/mlproj-cache system"]),
        ("/private/tmp/x", ["/private/tmp/x system"]),
        ("/.dockerenv", ["/.dockerenv system"]),
        ("/System/Library/CoreServices/SystemVersion.plist", ["/System/Library/CoreServices/SystemVersion.plist system"]),
        ("/path/to/model.pt", ["/path/to/model.pt placeholder"]),
        ("/srv/models/model.onnx", ["/srv/models/model.onnx absolute(file)"]),
        ("/srv/experiments/exp42", ["/srv/experiments/exp42 absolute"]),
        ("/models/bert/model.safetensors", ["/models/bert/model.safetensors absolute(file)"]),
        ("/pydoc.css", []),
        ("/", []),
        // Where a path may start
        ("--cache=/home/ana/.cache", ["/home/ana/.cache home(ana)"]),
        ("/home/ana/datasets:/data:ro", ["/home/ana/datasets home(ana)"]),
        ("/mnt/data:/data/in", ["/mnt/data machine(/mnt)", "/data/in machine(/data)"]),
        ("PYTHONPATH=/home/ana/lib:/home/bob/lib", ["/home/ana/lib home(ana)", "/home/bob/lib home(bob)"]),
        ("saved to /home/ana/notes.txt.", ["/home/ana/notes.txt home(ana)"]),
        ("{root}/home/ana/x", []),
        ("a/home/b", []),
        ("%s/data/x", []),
        ("ana@server:/home/ana/x", ["/home/ana/x home(ana)"]),
        // URLs
        ("https://example.org/home/ana/dataset/README.md", []),
        ("s3://ml-artifacts/home/ana/run-17/", []),
        ("see https://x.org/Users/bob then /home/ana/y", ["/home/ana/y home(ana)"]),
        ("file:///Users/erin/models/bert-finetuned", ["/Users/erin/models/bert-finetuned home(erin)"]),
        ("file://localhost/home/ana/x", ["/home/ana/x home(ana)"]),
        ("file:/home/ana/x", ["/home/ana/x home(ana)"]),
        ("//cdn.example.com/home/ana/x.js", []),
        (#"\\server\share\home\ana"#, []),
        // Home-relative
        ("~/datasets/mnist", ["~/datasets/mnist homeRelative"]),
        ("~ana/datasets", ["~ana/datasets homeRelative"]),
        ("$HOME/checkpoints/coco", ["$HOME/checkpoints/coco homeRelative"]),
        ("${HOME}/x", ["${HOME}/x homeRelative"]),
        ("~", []),
        ("~/", []),
        ("$HOME", []),
        ("y ~ x1 + x2", []),
        ("~is_test", []),
        ("~-./*?=", []),
    ]

    @Test(arguments: cases)
    func classifies(_ testCase: PathCase) {
        #expect(Self.found(testCase.text) == testCase.expected)
    }

    @Test func prefilterNeedsASeparator() {
        #expect(PathClassifier.mayHoldPath("a/b".utf8))
        #expect(PathClassifier.mayHoldPath(#"C:\x"#.utf8))
        #expect(!PathClassifier.mayHoldPath("~user".utf8))
        #expect(!PathClassifier.mayHoldPath("plain text".utf8))
    }

    @Test func locationNames() {
        for name in ["data_dir", "DATA_DIR", "output_path", "ckpt", "root", "dataRoot", "--cache-dir", "logdir", "savepath",
                     "weights_file", "outputFolder", "TORCH_HOME"] {
            #expect(LocationNames.isLocationName(name), "\(name)")
        }
        for name in ["name", "url", "xpath", "profile", "prefix", "route", "endpoint", "model"] {
            #expect(!LocationNames.isLocationName(name), "\(name)")
        }
    }

    @Test func pythonStringsDecodeWithTheirPlaces() {
        let source = Array(#"x = "C:\\Users\\erin\tz""#.utf8)
        let tokens = PythonLexer.tokenize(source)
        guard let token = tokens.first(where: { $0.kind == .string }), let text = QuotedStringText.python(token, in: source) else {
            Issue.record("no string token")
            return
        }
        #expect(text.string == "C:\\Users\\erin\tz")
        #expect(text.fileOffset(of: 0) == 5)
        #expect(text.fileOffset(of: 2) == 7, "the decoded backslash maps to its escape")
        #expect(text.fileOffset(of: 3) == 9)
    }
}
