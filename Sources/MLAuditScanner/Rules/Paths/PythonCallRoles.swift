import MLAuditCore
import MLAuditParsers

/// What the calls of a Python file say about the string literals they are given:
/// URL paths (HTTP clients, web routes), file locations (file and data APIs), and
/// the name a default belongs to (`os.environ.get("DATA_ROOT", "…")`,
/// `add_argument("--data-dir", default="…")`). Keyed by the literal's first byte.
struct PythonCallRoles {
    private(set) var urlRanges: [Range<Int>] = []
    private(set) var fileUses: [Int: String] = [:]
    private(set) var names: [Int: String] = [:]
    /// Fallback arguments of environment lookups (`os.environ.get("X", <fallback>)`), and
    /// assignments to names passed as such fallbacks (`os.getenv("XDG_CACHE_HOME", default)`).
    private(set) var environmentDefaults: [Range<Int>] = []
    /// Help texts for people (`help=`, `description=`), whose paths are examples.
    private(set) var documentation: [Range<Int>] = []
    /// Arguments of string methods (`text.replace("/a/b", …)`), which are text fragments.
    private(set) var textFragments: [Range<Int>] = []
    /// Literals given to a call that reads, writes or lists files (not a mere path constructor).
    private(set) var fileOperations: Set<Int> = []

    static let textMethods = NameSet(["replace", "startswith", "endswith", "split", "rsplit", "find", "rfind", "index",
                                           "rindex", "count", "strip", "lstrip", "rstrip", "removeprefix", "removesuffix",
                                           "partition", "rpartition"])
    static let pathConstructors = NameSet(["pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath",
                                            "pathlib.WindowsPath"])

    static let documentationKeywords = NameSet(["help", "description", "epilog", "usage"])

    static let fileFunctions = NameSet([
        "open", "io.open", "codecs.open", "builtins.open",
        "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath", "pathlib.WindowsPath",
        "glob.glob", "glob.iglob", "sys.path.append", "sys.path.insert",
        "os.chdir", "os.listdir", "os.scandir", "os.walk", "os.makedirs", "os.mkdir", "os.remove", "os.unlink", "os.rmdir",
        "os.rename", "os.replace", "os.stat", "os.symlink", "os.access", "os.chmod",
        "numpy.load", "numpy.save", "numpy.savez", "numpy.savez_compressed", "numpy.loadtxt", "numpy.savetxt",
        "numpy.genfromtxt", "numpy.fromfile", "numpy.memmap",
        "torch.load", "torch.save", "torch.jit.load", "torch.jit.save", "joblib.load", "joblib.dump",
        "h5py.File", "PIL.Image.open", "cv2.imread", "cv2.imwrite", "cv2.VideoCapture", "imageio.imread", "imageio.imwrite",
        "imageio.v2.imread", "imageio.v3.imread", "scipy.io.loadmat", "scipy.io.savemat", "zipfile.ZipFile", "tarfile.open",
        "sqlite3.connect", "datasets.load_from_disk", "safetensors.torch.load_file", "safetensors.torch.save_file",
        "safetensors.safe_open", "soundfile.read", "soundfile.write", "librosa.load", "torchaudio.load", "torchaudio.save",
        "logging.FileHandler", "torch.utils.tensorboard.SummaryWriter", "tensorboardX.SummaryWriter",
    ])
    static let filePrefixes = ["os.path.", "shutil.", "pandas.read_", "tensorflow.io.gfile.", "torchvision.datasets."]
    static let fileMethods = [".from_pretrained", ".save_pretrained", ".to_csv", ".to_parquet", ".to_json", ".to_pickle",
                              ".to_hdf", ".to_feather", ".to_excel", ".savefig", ".load_weights", ".save_weights",
                              ".load_from_checkpoint", ".read_csv", ".read_parquet"]
    static let httpPrefixes = ["requests.", "httpx.", "aiohttp.", "urllib.", "urllib3.", "http.client."]
    static let httpVerbs = NameSet(["get", "post", "put", "delete", "patch", "head", "options", "request", "stream",
                                         "route", "websocket", "api_route", "trace"])
    static let routeCalls = NameSet(["add_url_rule", "add_api_route", "add_route", "add_api_websocket_route",
                                          "APIRouter", "Blueprint", "include_router", "url_for", "redirect"])
    /// Receivers whose `get`/`post` speak HTTP: `app`, `router`, `client`, `session`, `bp`.
    static let webReceivers = ["app", "router", "client", "session", "api", "bp", "blueprint", "http"]

    init(_ source: PythonSource) {
        let bytes = source.bytes
        var environmentDefaultNames: Set<String> = []
        for call in source.calls {
            let name = call.qualifiedName
            let last = String(DottedName.last(call.callee))
            if isURLCall(call, last: last, bytes) {
                urlRanges.append(call.range)
                continue
            }
            for argument in call.arguments {
                if let keyword = argument.keyword, Self.documentationKeywords.contains(keyword) {
                    documentation.append(argument.range)
                }
            }
            if Self.textMethods.contains(last), call.callee.contains(".") {
                textFragments += call.arguments.map(\.range)
            }
            if Self.isFileAPI(name) {
                let operates = !Self.pathConstructors.contains(name)
                for argument in call.arguments where argument.value.stringValue != nil {
                    fileUses[valueStart(argument, bytes)] = "passed to `\(call.callee)`"
                    if operates { fileOperations.insert(valueStart(argument, bytes)) }
                }
            }
            switch name {
            case "os.environ.get", "os.getenv", "os.environ.setdefault":
                let positional = call.positional
                guard positional.count >= 2 else { break }
                environmentDefaults.append(positional[1].range)
                if case .name(let name) = positional[1].value { environmentDefaultNames.insert(name) }
                if let variable = positional[0].value.stringValue, positional[1].value.stringValue != nil {
                    names[valueStart(positional[1], bytes)] = variable
                }
            default:
                if last == "add_argument", let option = Self.option(of: call), let argument = call.argument("default"),
                   argument.value.stringValue != nil {
                    names[valueStart(argument, bytes)] = option
                }
            }
        }
        if !environmentDefaultNames.isEmpty {
            environmentDefaults += source.summary.assignments.filter { environmentDefaultNames.contains($0.target) }.map(\.range)
        }
    }

    func isURL(_ offset: Int) -> Bool { urlRanges.contains { $0.contains(offset) } }

    func isDocumentation(_ offset: Int) -> Bool { documentation.contains { $0.contains(offset) } }

    func isTextFragment(_ offset: Int) -> Bool { textFragments.contains { $0.contains(offset) } }

    func isFileOperation(_ offset: Int) -> Bool { fileOperations.contains(offset) }

    /// Whether the code at `offset` computes the fallback of an environment lookup:
    /// inside its argument, or assigned to a name later passed as one.
    func isEnvironmentDefault(_ offset: Int) -> Bool {
        environmentDefaults.contains { $0.contains(offset) }
    }

    /// `fileMethods` without their dots: a name ends with one of those exactly when its
    /// part after the last dot is one of these (and it has a dot).
    static let fileMethodNames = NameSet(fileMethods.map { $0.dropFirst() })

    static func isFileAPI(_ name: String) -> Bool {
        if fileFunctions.contains(name) || filePrefixes.contains(where: { name.utf8.starts(with: $0.utf8) }) { return true }
        let last = DottedName.last(name)
        return last.utf8.count < name.utf8.count && fileMethodNames.contains(last)
    }

    private func isURLCall(_ call: PythonCall, last: String, _ bytes: [UInt8]) -> Bool {
        if Self.httpPrefixes.contains(where: { call.qualifiedName.utf8.starts(with: $0.utf8) }) { return true }
        if Self.routeCalls.contains(last) { return true }
        guard Self.httpVerbs.contains(last) else { return false }
        if Self.isDecorator(call, bytes) { return true }
        let receiver = call.callee.split(separator: ".").dropLast().last.map { $0.lowercased() } ?? ""
        return Self.webReceivers.contains { receiver.hasSuffix($0) }
    }

    /// `@app.get("/data/upload")`: the call follows an `@`.
    static func isDecorator(_ call: PythonCall, _ bytes: [UInt8]) -> Bool {
        var k = call.range.lowerBound - 1
        while k >= 0, bytes[k] == 0x20 || bytes[k] == 0x09 { k -= 1 }
        return k >= 0 && bytes[k] == UInt8(ascii: "@")
    }

    /// The longest option string of an `add_argument` call (`--data-dir` over `-d`), or its `dest=`.
    static func option(of call: PythonCall) -> String? {
        if let dest = call.argument("dest")?.value.stringValue { return dest }
        return call.positional.compactMap { $0.value.stringValue }.filter { $0.hasPrefix("-") }.max { $0.count < $1.count }
    }

    /// The first byte of an argument's value (after `keyword=`).
    func valueStart(_ argument: PythonArgument, _ bytes: [UInt8]) -> Int {
        var k = argument.range.lowerBound
        guard argument.keyword != nil else { return k }
        while k < argument.range.upperBound, bytes[k] != UInt8(ascii: "=") { k += 1 }
        k += 1
        while k < argument.range.upperBound, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0A || bytes[k] == 0x0D
                || bytes[k] == 0x5C { k += 1 }
        return k
    }
}
