import MLAuditCore
import MLAuditTestSupport
import Testing

/// What DAT001 reads as a data path in code, one construct at a time.
@Suite struct DataReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var code: String
        /// Lines of train.py expected to be reported.
        var lines: [Int]
        var extraFiles: [String: String] = [:]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Path / literal", code: "from pathlib import Path\nimport pandas as pd\ndf = pd.read_csv(Path(\"data\") / \"train.csv\")\n", lines: [3]),
        Case(name: "Path(...).read_text()", code: "from pathlib import Path\ntext = Path(\"data/notes.txt\").read_text()\n", lines: [2]),
        Case(name: "write_text is an output", code: "from pathlib import Path\nPath(\"out/notes.txt\").write_text(\"x\")\n", lines: []),
        Case(name: "f-string prefix names a directory", code: "import pandas as pd\nsplit = 'a'\ndf = pd.read_csv(f\"shards/{split}.csv\")\n", lines: [3]),
        Case(name: "f-string prefix inside a committed directory", code: "import pandas as pd\nsplit = 'a'\ndf = pd.read_csv(f\"data/{split}.csv\")\n",
             lines: [], extraFiles: ["data/a.csv": "x\n1\n"]),
        Case(name: "f-string without a directory", code: "import pandas as pd\nsplit = 'a'\ndf = pd.read_csv(f\"{split}.csv\")\n", lines: []),
        Case(name: "variables only", code: "import sys\nimport pandas as pd\npath = sys.argv[1]\ndf = pd.read_csv(path)\nwith open(path) as fh:\n    pass\n", lines: []),
        Case(name: "join with a run-time part", code: "import os\nimport torch\nroot = os.environ['ROOT']\nm = torch.load(os.path.join(root, \"models\", \"best.pt\"))\n", lines: []),
        Case(name: "open in write mode", code: "import json\nwith open(\"results/metrics.json\", \"w\") as fh:\n    json.dump({}, fh)\n", lines: []),
        Case(name: "open in read mode", code: "with open(\"data/vocab.txt\", \"r\") as fh:\n    words = fh.read()\n", lines: [1]),
        Case(name: "h5py write mode", code: "import h5py\nf = h5py.File(\"cache/features.h5\", \"w\")\n", lines: []),
        Case(name: "name only written", code: "import torch\nCKPT = \"checkpoints/last.pt\"\ntorch.save({}, CKPT)\n", lines: []),
        Case(name: "name read through a constant", code: "import numpy as np\nEMB = \"features/emb.npy\"\nx = np.load(EMB)\n", lines: [2]),
        Case(name: "docstrings and help texts", code: "\"\"\"Reads data/train.csv.\"\"\"\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--x', help='e.g. data/train.csv')\n", lines: []),
        Case(name: "a string compared, not read", code: "import sys\nif sys.argv[1] == \"data/train.csv\":\n    pass\n", lines: []),
        Case(name: "committed file relative to the code's directory", code: "import pandas as pd\ndf = pd.read_csv(\"assets/table.csv\")\n",
             lines: [], extraFiles: ["src/assets/table.csv": "a\n1\n"]),
        Case(name: "committed file relative to the root", code: "import pandas as pd\ndf = pd.read_csv(\"data/table.csv\")\n",
             lines: [], extraFiles: ["data/table.csv": "a\n1\n"]),
        Case(name: "a path leaving the project", code: "import pandas as pd\ndf = pd.read_csv(\"../shared/table.csv\")\n", lines: []),
        Case(name: "a usage placeholder", code: "import torch\nm = torch.load(\"path/to/model.pt\")\n", lines: []),
        Case(name: "a URL", code: "import pandas as pd\ndf = pd.read_csv(\"https://example.org/t.csv\")\n", lines: []),
    ]

    @Test(arguments: cases)
    func reads(_ testCase: Case) throws {
        var files = testCase.extraFiles
        let inSrc = testCase.name.contains("code's directory")
        let path = inSrc ? "src/train.py" : "train.py"
        files[path] = testCase.code
        let found = try RuleExampleRunner.findings(ruleID: "DAT001", example: RuleExample(files: files, expected: []))
        #expect(found.map { String($0.split(separator: ":")[1]) }.compactMap(Int.init) == testCase.lines, "\(found)")
    }
}
