@testable import MLAuditScanner
import Testing

@Suite struct SuppressionTests {
    func suppressions(_ text: String) -> Suppressions { Suppressions(bytes: Array(text.utf8)) }

    @Test func sameLineWithIDs() {
        let s = suppressions("torch\nnumpy  # mlaudit: ignore[PIN001, PIN005]\n")
        #expect(s.suppresses("PIN001", line: 2))
        #expect(s.suppresses("PIN005", line: 2))
        #expect(!s.suppresses("PIN004", line: 2))
        #expect(!s.suppresses("PIN001", line: 1))
    }

    @Test func lineAboveOnlyWhenStandalone() {
        let s = suppressions("# mlaudit: ignore[PIN002]\npip install x\nfoo  # mlaudit: ignore[PIN002]\npip install y\n")
        #expect(s.suppresses("PIN002", line: 2))
        #expect(s.suppresses("PIN002", line: 3))
        #expect(!s.suppresses("PIN002", line: 4), "a trailing comment covers its own line only")
    }

    @Test func bareIgnoreCoversEveryRule() {
        let s = suppressions("x = '/home/me/data'  # mlaudit: ignore\n")
        #expect(s.suppresses("PATH001", line: 1))
        #expect(s.suppresses("RND001", line: 1))
    }

    @Test func fileWideAndPrefixes() {
        let s = suppressions("import random\n# mlaudit: ignore-file[RND]\n")
        #expect(s.suppresses("RND001", line: 1))
        #expect(s.suppresses("RND003", line: 40))
        #expect(!s.suppresses("PIN001", line: 1))
        #expect(suppressions("# mlaudit: ignore-file\n").suppresses("PIN001", line: 9))
    }

    @Test func notebookSourceLines() {
        let nb = """
          "source": [
            "# mlaudit: ignore[PIN002]\\n",
            "!pip install wandb\\n",
            "!pip install tqdm  # mlaudit: ignore[PIN002]"
          ]
        """
        let s = suppressions(nb)
        #expect(s.suppresses("PIN002", line: 3))
        #expect(s.suppresses("PIN002", line: 4))
    }

    @Test func markerOutsideACommentIsNotASuppression() {
        let s = suppressions("msg = 'mlaudit: ignore[PIN001]'\nignore = 1  # mlaudit: ignored-typo\n")
        #expect(!s.suppresses("PIN001", line: 1))
        #expect(!s.suppresses("PIN001", line: 2))
    }
}

@Suite struct SuppressionPlacementTests {
    @Test func markersAtTheEdgesOfTheFile() {
        let first = Suppressions(bytes: Array("# mlaudit: ignore[PIN001]".utf8))
        #expect(first.suppresses("PIN001", line: 1), "a marker on the first byte, no newline after it")
        let last = Suppressions(bytes: Array("a\nb\n\nx = 1 # mlaudit:ignore[RND002]".utf8))
        #expect(last.suppresses("RND002", line: 4))
        #expect(!last.suppresses("RND002", line: 3))
    }

    @Test func manyMarkersOnTheirOwnLines() {
        var text = ""
        for line in 1...300 {
            text += line % 50 == 0 ? "y = \(line)  # mlaudit: ignore[PATH00\(line / 50)]\r\n" : "x = \(line)\r\n"
        }
        let s = Suppressions(bytes: Array(text.utf8))
        for k in 1...6 {
            #expect(s.suppresses("PATH00\(k)", line: 50 * k), "marker \(k)")
            #expect(!s.suppresses("PATH00\(k)", line: 50 * k + 1), "a trailing marker covers only its line")
        }
        #expect(!s.suppresses("PATH001", line: 100))
    }
}
