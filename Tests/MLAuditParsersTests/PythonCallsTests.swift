import MLAuditParsers
import Testing

@Suite struct PythonCallsTests {
    func analyze(_ source: String) -> PythonCallSummary {
        PythonCalls.analyze(Array(source.utf8))
    }

    @Test func aliasResolution() {
        let src = """
        import numpy as np
        import torch
        import os.path
        from torch.utils.data import DataLoader as DL
        from random import seed
        np.random.seed(0)
        DL(ds, shuffle=True)
        torch.utils.data.DataLoader(ds)
        seed(1)
        os.path.join("a", "b")
        model.train()
        torch.Generator().manual_seed(42)

        """
        let calls = analyze(src).calls
        #expect(calls.map(\.qualifiedName) == ["numpy.random.seed", "torch.utils.data.DataLoader", "torch.utils.data.DataLoader",
                                               "random.seed", "os.path.join", "model.train", "torch.Generator",
                                               "torch.Generator().manual_seed"])
        #expect(calls.map(\.callee) == ["np.random.seed", "DL", "torch.utils.data.DataLoader", "seed", "os.path.join",
                                        "model.train", "torch.Generator", "torch.Generator().manual_seed"])
        #expect(calls.map(\.isImported) == [true, true, true, true, true, false, true, true])
        #expect(calls.map(\.line) == [6, 7, 8, 9, 10, 11, 12, 12])
        #expect(calls[1].column == 1)
    }

    @Test func literalArguments() throws {
        let src = "f('a' \"b\", 3, -1.5, True, None, x, torch.float32, g(1), *args, k=False, path=f'{x}', **kw,)\n"
        let call = try #require(analyze(src).calls.first)
        #expect(call.callee == "f")
        #expect(call.arguments.map(\.value) == [.string("ab"), .number("3"), .number("-1.5"), .bool(true), .none, .name("x"),
                                                .name("torch.float32"), .nonLiteral, .nonLiteral, .bool(false), .nonLiteral, .nonLiteral])
        #expect(call.arguments.map(\.keyword) == [nil, nil, nil, nil, nil, nil, nil, nil, nil, "k", "path", nil])
        #expect(call.arguments.map(\.stars) == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2])
        #expect(call.positional.count == 8)
        #expect(call.argument(0, or: "s")?.value == .string("ab"))
        #expect(call.argument("k")?.value == .bool(false))
        #expect(call.hasStarredArguments)
    }

    @Test func nestedCallsAndMultilineArguments() {
        let src = "loader = DataLoader(\n    dataset,\n    batch_size=cfg.get('bs', 32),\n    num_workers=4,\n)\n"
        let calls = analyze(src).calls
        #expect(calls.map(\.callee) == ["DataLoader", "cfg.get"])
        #expect(calls[0].arguments.map(\.keyword) == [nil, "batch_size", "num_workers"])
        #expect(calls[0].argument("num_workers")?.value == .number("4"))
        #expect(calls[1].arguments.map(\.value) == [.string("bs"), .number("32")])
        #expect(calls[1].line == 3 && calls[1].column == 16)
    }

    @Test func definitionsAndKeywordsAreNotCalls() {
        let calls = analyze("def f(x): pass\nclass A(B): pass\nif (x): return (y)\nassert (z)\nx[0].g()\nprint(1)\n").calls
        #expect(calls.map(\.callee) == ["print"])
    }

    @Test func lambdasAndGeneratorsAreSingleArguments() {
        let calls = analyze("reduce(lambda a, b: a + b, xs, 0)\nany(f(x) for x, y in pairs)\n").calls
        #expect(calls.map(\.callee) == ["reduce", "any", "f"])
        #expect(calls[0].arguments.map(\.value) == [.nonLiteral, .name("xs"), .number("0")])
        #expect(calls[1].arguments.count == 1)
    }

    @Test func matchSubjectsAndClassPatternsAreNotCalls() {
        let src = "match (a, b):\n    case Point(x=0) if check(a):\n        run()\nmatch = re.match(p, s)\n"
        #expect(analyze(src).calls.map(\.callee) == ["check", "run", "re.match"])
    }

    @Test func attributeAssignments() {
        let src = """
        import torch
        import os
        torch.backends.cudnn.benchmark = True
        torch.backends.cudnn.deterministic = False; x.y = cfg.seed
        os.environ["PYTHONHASHSEED"] = "0"
        x = 1
        a.b += 1
        a.b == 2

        """
        let list = analyze(src).assignments
        #expect(list.map(\.qualifiedName) == ["torch.backends.cudnn.benchmark", "torch.backends.cudnn.deterministic", "x.y", "os.environ", "x"])
        #expect(list.map(\.value) == [.bool(true), .bool(false), .name("cfg.seed"), .string("0"), .number("1")])
        #expect(list[3].key == .string("PYTHONHASHSEED"))
        #expect(list.map(\.line) == [3, 4, 4, 5, 6])
        #expect(list[2].column == 45)
    }

    @Test func stringSites() {
        let src = "open('data/train.csv')\nx = f\"{p}/a\" + b'raw'\n# 'not a string'\n"
        let strings = analyze(src).strings
        #expect(strings.map(\.value) == ["data/train.csv", nil, "raw"])
        #expect(strings.map(\.line) == [1, 2, 2])
        #expect(strings.map(\.column) == [6, 5, 16])
        #expect(strings.map(\.isFormatted) == [false, true, false])
        #expect(strings.map(\.isBytes) == [false, false, true])
    }

    @Test func nestedImportsStillResolveButModuleLevelWins() {
        let src = "import numpy as np\ndef f():\n    import jax.numpy as np\n    import pandas as pd\nnp.zeros(1)\npd.read_csv('x')\n"
        #expect(analyze(src).calls.map(\.qualifiedName) == ["numpy.zeros", "pandas.read_csv"])
    }

    @Test func unclosedCallsEndAtTheFileEnd() {
        let summary = analyze("f(1, 'a'\ng(")
        #expect(summary.calls.map(\.callee) == ["f", "g"])
        #expect(summary.calls[0].arguments.first?.value == .number("1"))
    }
}
