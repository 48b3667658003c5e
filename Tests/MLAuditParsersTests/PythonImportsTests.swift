import MLAuditParsers
import Testing

@Suite struct PythonImportsTests {
    func imports(_ source: String) -> [PythonImport] {
        PythonImports.extract(Array(source.utf8))
    }

    /// "module|name|alias|level|line" per import.
    func summary(_ source: String) -> [String] {
        imports(source).map { "\($0.module)|\($0.name ?? "-")|\($0.alias ?? "-")|\($0.level)|\($0.line)" }
    }

    @Test func plainImports() {
        #expect(summary("import os\nimport a.b as c, d\n") == ["os|-|-|0|1", "a.b|-|c|0|2", "d|-|-|0|2"])
    }

    @Test func fromImports() {
        let src = "from a.b import c as d, e\nfrom x import (f,\n    g as h,\n)\nfrom y import *\n"
        #expect(summary(src) == ["a.b|c|d|0|1", "a.b|e|-|0|1", "x|f|-|0|2", "x|g|h|0|3", "y|*|-|0|5"])
        #expect(imports(src).map(\.statementLine) == [1, 1, 2, 2, 5])
    }

    @Test func relativeImports() {
        let src = "from . import x\nfrom ..pkg import y\nfrom ... import z\nfrom .... m import w\n"
        #expect(summary(src) == ["|x|-|1|1", "pkg|y|-|2|2", "|z|-|3|3", "m|w|-|4|4"])
        #expect(imports(src).map(\.target) == [".x", "..pkg.y", "...z", "....m.w"])
    }

    @Test func boundNamesAndTargets() {
        let list = imports("import numpy as np\nimport os.path\nfrom torch.utils.data import DataLoader as DL\n")
        #expect(list.map(\.boundName) == ["np", "os", "DL"])
        #expect(list.map(\.target) == ["numpy", "os", "torch.utils.data.DataLoader"])
        #expect(list.map(\.topLevelModule) == ["numpy", "os", "torch"])
    }

    @Test func semicolonsContinuationsAndColumns() {
        let list = imports("x = 1; import a; from b import \\\n  c\n")
        #expect(list.map(\.module) == ["a", "b"])
        #expect(list.map(\.line) == [1, 2])
        #expect(list[0].column == 15)
    }

    @Test func notImportsInStringsOrComments() {
        #expect(imports("s = 'import os'\n# import sys\n\"\"\"\nimport re\n\"\"\"\nfrom_x = 1\n").isEmpty)
    }

    @Test func guardedImports() {
        let src = """
        try:
            import ujson as json
        except ImportError:
            import json
        try:
            import a
        except (ValueError, ModuleNotFoundError) as e:
            pass
        try:
            import b
        except ValueError:
            pass
        try:
            if x:
                import c
        except:
            pass
        try:
            try:
                import d
            except KeyError:
                pass
        except Exception:
            pass
        try: import e
        except ImportError: pass
        import f

        """
        let list = imports(src)
        #expect(list.map(\.module) == ["ujson", "json", "a", "b", "c", "d", "e", "f"])
        #expect(list.map(\.tryGuard) == [.importError, .none, .importError, .none, .broadException, .broadException, .importError, .none])
        #expect(list.map(\.scope) == [.module, .moduleBlock, .module, .module, .moduleBlock, .module, .module, .module])
    }

    @Test func scopes() {
        let src = """
        import a
        def f():
            import b
            class C:
                import c
        class D:
            import d
            def g(self): import e
        if TYPE_CHECKING:
            import f
        async def h():
            from g import x
        import i

        """
        #expect(imports(src).map(\.scope) == [.module, .function, .classBody, .classBody, .function, .moduleBlock, .function, .module])
    }

    @Test func softKeywordsAreNotBlocks() {
        let src = "match = 1\nimport a\nmatch x:\n    case 1:\n        import b\nimport c\n"
        #expect(imports(src).map(\.scope) == [.module, .moduleBlock, .module])
    }

    @Test func malformedImportsDoNotCrash() {
        for src in ["import", "from", "from import x", "import ,,, as", "from . import", "from a import (", "import a as",
                    "from a import b as as c", "from .. import * , x", "import a.", "import (a)"] {
            _ = imports(src)
        }
        #expect(summary("from a import (b") == ["a|b|-|0|1"])
    }
}
