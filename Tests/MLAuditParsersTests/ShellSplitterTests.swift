import MLAuditParsers
import Testing

@Suite struct ShellSplitterTests {
    func words(_ text: String) -> [[String]] {
        ShellSplitter.split(text).commands.map { $0.words.map(\.text) }
    }

    @Test func splitsOnOperatorsAndNewlines() {
        #expect(words("apt-get update && apt-get install -y curl; pip install torch | tee log\nmake all || true &")
            == [["apt-get", "update"], ["apt-get", "install", "-y", "curl"], ["pip", "install", "torch"], ["tee", "log"], ["make", "all"], ["true"]])
    }

    @Test func separatorsAreRecorded() {
        let commands = ShellSplitter.split("a && b || c | d; e").commands
        #expect(commands.map(\.separator) == [.and, .or, .pipe, .semicolon, .end])
    }

    @Test func quotesAndEscapesAreRemoved() {
        #expect(words(#"pip install "torch>=2.0" 'numpy<2' foo\ bar "a\"b" $'x\ty'"#)
            == [["pip", "install", "torch>=2.0", "numpy<2", "foo bar", "a\"b", "x\ty"]])
    }

    @Test func offsetsPointAtTheWordIncludingItsQuote() {
        let text = "pip install  \"torch>=2\"  numpy"
        let ws = ShellSplitter.split(text, fileOffset: 100).commands[0].words
        #expect(ws.map(\.offset) == [100, 104, 113, 125])
        #expect(ws[2].raw == "\"torch>=2\"")
        #expect(ws[2].isQuoted)
    }

    @Test func continuationsJoinWords() {
        let text = "pip install \\\n    torch==2.4.1 \\\n    numpy"
        let ws = ShellSplitter.split(text).commands[0].words
        #expect(ws.map(\.text) == ["pip", "install", "torch==2.4.1", "numpy"])
        #expect(ws[3].offset == text.utf8.count - 5)
    }

    @Test func commentsEndAtTheLineBreak() {
        #expect(words("pip install torch # pin later\necho done#not-a-comment") == [["pip", "install", "torch"], ["echo", "done#not-a-comment"]])
    }

    @Test func quotedTextIsNotACommand() {
        #expect(words(#"echo "pip install torch && conda install x""#) == [["echo", "pip install torch && conda install x"]])
    }

    @Test func commandSubstitutionsYieldNestedCommands() {
        let commands = ShellSplitter.split("VERSION=$(pip install foo && cat v) echo `which python`").commands
        #expect(commands.count == 4)
        #expect(commands[0].words.map(\.text) == ["VERSION=$(pip install foo && cat v)", "echo", "`which python`"])
        #expect(commands[0].words[0].hasExpansion)
        #expect(commands[1].words.map(\.text) == ["pip", "install", "foo"])
        #expect(commands[1].depth == 1)
        #expect(commands[3].words.map(\.text) == ["which", "python"])
    }

    @Test func redirectionsAreNotWords() {
        let command = ShellSplitter.split("pip install torch>=2.0 2>&1 > /dev/null").commands[0]
        // Unquoted `>` is a redirection: pip installs `torch` and writes to a file named `=2.0`.
        #expect(command.words.map(\.text) == ["pip", "install", "torch"])
        #expect(command.redirections.map(\.op) == [">", ">&", ">"])
        #expect(command.redirections.map { $0.target?.text } == ["=2.0", "1", "/dev/null"])
    }

    @Test func hereDocumentBodiesAreSkipped() {
        let text = "cat <<'EOF' > train.py\npip install not-a-command\nEOF\npip install real"
        #expect(words(text) == [["cat"], ["pip", "install", "real"]])
    }

    @Test func hereDocumentsFedToAShellAreCommands() {
        let text = "bash -e <<EOF\n\tpip install torch\nEOF\n"
        let commands = ShellSplitter.split(text).commands
        #expect(commands.map { $0.words.map(\.text) } == [["bash", "-e"], ["pip", "install", "torch"]])
        #expect(commands[1].depth == 1)
    }

    @Test func subshellsAndGroups() {
        #expect(words("(cd src && pip install .) ; { pip install x; }") == [["cd", "src"], ["pip", "install", "."], ["{", "pip", "install", "x"], ["}"]])
    }

    @Test func unterminatedQuoteIsDiagnosedNotFatal() {
        let result = ShellSplitter.split("pip install torch\necho \"oops\npip install numpy")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics[0].offset == 23)
        #expect(result.diagnostics[0].message.contains("double quote"))
        #expect(result.commands.first?.words.map(\.text) == ["pip", "install", "torch"])
    }

    @Test func unterminatedSingleQuoteAndSubstitution() {
        #expect(ShellSplitter.split("echo 'abc").diagnostics.map(\.message) == ["unterminated single quote"])
        #expect(ShellSplitter.split("echo $(ls").diagnostics.map(\.message) == ["unterminated $(…) command substitution"])
        #expect(ShellSplitter.split("echo ${HOME").diagnostics.map(\.message) == ["unterminated ${…} expansion"])
    }

    /// bash runs `cmd \` followed by the end of the script (or blank lines) as `cmd`: not an error.
    @Test func continuationAtTheEndEndsTheCommand() {
        let result = ShellSplitter.split("pip install \\\n\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.commands[0].words.map(\.text) == ["pip", "install"])
    }

    @Test func soleVariable() {
        let ws = ShellSplitter.split(#"$PIP "${PKGS}" $(PYTHON) x$Y"#).commands[0].words
        #expect(ws[0].soleVariable() == "PIP")
        #expect(ws[1].soleVariable() == "PKGS")
        #expect(ws[2].soleVariable() == nil)
        #expect(ws[2].soleVariable(makeSyntax: true) == "PYTHON")
        #expect(ws[3].soleVariable() == nil)
    }

    @Test func mappedTextKeepsFileOffsetsAcrossGaps() {
        var text = MappedText()
        text.append(Array("pip install ".utf8), fileOffset: 10)
        text.append(Array("torch".utf8), fileOffset: 50)
        let ws = ShellSplitter.split(text).commands[0].words
        #expect(ws.map(\.offset) == [10, 14, 50])
        #expect(ws[2].endOffset == 55)
    }
}
