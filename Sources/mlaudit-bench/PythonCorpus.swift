/// A deterministic generator of realistic Python source (imports, classes, training
/// loops, calls with keyword arguments, every string form, comments, continuation
/// lines), for throughput measurements.
struct PythonCorpus {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    private mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        var z = state
        z = (z ^ (z >> 33)) &* 0xff51afd7ed558ccd
        return z ^ (z >> 29)
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    static let imports = [
        "import numpy as np", "import torch", "import torch.nn as nn", "from torch.utils.data import DataLoader, Dataset",
        "from sklearn.model_selection import train_test_split", "from transformers import AutoModel, AutoTokenizer",
        "import os, sys", "from pathlib import Path", "import random", "from . import utils", "from ..config import settings as cfg",
    ]

    static let statements = [
        "x = torch.randn(batch_size, hidden_dim, device=device)",
        "loss = criterion(model(inputs), targets) + 0.01 * sum(p.pow(2).sum() for p in model.parameters())",
        "optimizer.step(); optimizer.zero_grad(set_to_none=True)",
        "path = os.path.join(\"data\", \"processed\", f\"{split}_{epoch:03d}.pt\")",
        "model = AutoModel.from_pretrained(\"bert-base-uncased\", revision=REVISION)",
        "X_train, X_test = train_test_split(X, test_size=0.2, random_state=42)",
        "loader = DataLoader(dataset, batch_size=64, shuffle=True, num_workers=0)",
        "logger.info('epoch %d: loss=%.4f acc=%.3f', epoch, loss.item(), acc)  # progress",
        "pattern = r\"^(?P<name>[\\w.-]+)==(?P<version>[\\d.]+)$\"",
        "doc = \"\"\"Multi-line\n    text with 'quotes' and \\\"escapes\\\"\n    \"\"\"",
        "value = {'lr': 3e-4, 'betas': (0.9, 0.999), 'eps': 1e-8, 'weight_decay': 0x10 / 1_000}",
        "result = compute(a, b,\n                 c=[1, 2, 3],\n                 d={\"k\": v for k, v in items})",
        "total = first_value + \\\n        second_value",
        "msg = f\"{name!r} has {len(items)} items: {', '.join(str(i) for i in items[:3])}\"",
        "data = b'\\x00\\x01' + rb'raw\\bytes'",
        "if not torch.cuda.is_available() and args.device == 'cuda': raise RuntimeError(\"no GPU\")",
    ]

    /// About `bytes` bytes of Python.
    mutating func generate(bytes target: Int) -> [UInt8] {
        var out = ""
        out.reserveCapacity(target + 4096)
        var module = 0
        while out.utf8.count < target {
            module += 1
            out += "# module \(module)\n"
            for _ in 0..<4 { out += pick(Self.imports) + "\n" }
            out += "\n\nclass Trainer\(module)(nn.Module):\n    \"\"\"Trains model number \(module).\"\"\"\n\n"
            out += "    def __init__(self, hidden_dim=\(Int(next() % 512) + 64)):\n        super().__init__()\n"
            out += "        self.layer = nn.Linear(hidden_dim, hidden_dim)\n\n"
            for f in 0..<3 {
                out += "    def step_\(f)(self, batch, epoch=0):\n"
                for _ in 0..<(Int(next() % 8) + 4) {
                    let statement = pick(Self.statements).split(separator: "\n", omittingEmptySubsequences: false)
                    for line in statement { out += "        " + line + "\n" }
                }
                out += "        return loss\n\n"
            }
        }
        return Array(out.utf8)
    }
}
