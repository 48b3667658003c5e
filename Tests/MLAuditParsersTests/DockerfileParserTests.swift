import MLAuditParsers
import Testing

@Suite struct DockerfileParserTests {
    func parse(_ text: String) -> Dockerfile { DockerfileParser.parse(Array(text.utf8)) }

    func offset(of needle: String, in text: String) -> Int {
        let h = Array(text.utf8)
        let n = Array(needle.utf8)
        return (0...(h.count - n.count)).first { Array(h[$0..<($0 + n.count)]) == n } ?? -1
    }

    func line(of offset: Int, in text: String) -> Int {
        1 + text.utf8.prefix(offset).filter { $0 == 0x0A }.count
    }

    @Test func instructionsWithContinuationsAndComments() {
        let text = """
        FROM python:3.11-slim
        # a comment
        RUN apt-get update && \\
            # comment inside the continuation
            apt-get install -y git \\

            && rm -rf /var/lib/apt/lists/*
        CMD ["python", "train.py"]

        """
        let dockerfile = parse(text)
        #expect(dockerfile.instructions.map(\.keyword) == ["FROM", "RUN", "CMD"])
        #expect(dockerfile.instructions.map(\.line) == [1, 3, 8])
        #expect(dockerfile.instructions[1].endLine == 7)
        #expect(dockerfile.instructions[1].argumentText == "apt-get update &&     apt-get install -y git     && rm -rf /var/lib/apt/lists/*")
        #expect(dockerfile.diagnostics.isEmpty)
        let words = ShellSplitter.split(dockerfile.instructions[1].arguments).commands[1].words
        #expect(words.map(\.text) == ["apt-get", "install", "-y", "git"])
        #expect(line(of: words[3].offset, in: text) == 5)
    }

    @Test func escapeDirective() {
        let text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN pip install `\n    torch\n"
        let dockerfile = parse(text)
        #expect(dockerfile.escape == UInt8(ascii: "`"))
        #expect(dockerfile.instructions[1].argumentText == "pip install     torch")
    }

    @Test func argsAndStages() {
        let text = """
        ARG PY_VERSION=3.11.9
        ARG BASE=python:${PY_VERSION}-slim
        ARG UNSET
        FROM --platform=$BUILDPLATFORM ${BASE} AS builder
        ARG PY_VERSION
        ENV PIP_INSTALL="pip install --no-cache-dir"
        RUN $PIP_INSTALL torch
        FROM builder AS test
        FROM nvidia/cuda:${CUDA:-12.1.1}-runtime-ubuntu22.04
        FROM ${UNSET}

        """
        let dockerfile = parse(text)
        #expect(dockerfile.stages.count == 4)
        #expect(dockerfile.stages[0].resolvedImage == "python:3.11.9-slim")
        #expect(dockerfile.stages[0].name == "builder")
        #expect(dockerfile.stages[0].platform == "$BUILDPLATFORM")
        #expect(dockerfile.stages[0].unresolvedVariables.isEmpty)
        #expect(dockerfile.stages[1].parentStage == 0)
        #expect(dockerfile.stages[2].resolvedImage == "nvidia/cuda:12.1.1-runtime-ubuntu22.04")
        #expect(dockerfile.stages[3].unresolvedVariables == ["UNSET"])
        #expect(dockerfile.globalArgs["UNSET"] == .some(nil))
        let run = dockerfile.instructions.firstIndex { $0.keyword == "RUN" }!
        #expect(dockerfile.variablesAt[run]["PIP_INSTALL"] == "pip install --no-cache-dir")
        #expect(dockerfile.variablesAt[run]["PY_VERSION"] == "3.11.9")
    }

    @Test func heredocs() {
        let text = """
        FROM python:3.11-slim
        RUN <<EOF
        pip install torch
        apt-get install -y git
        EOF
        RUN python3 <<-PY
        \timport pip
        \tPY
        RUN echo ok

        """
        let dockerfile = parse(text)
        #expect(dockerfile.instructions.map(\.keyword) == ["FROM", "RUN", "RUN", "RUN"])
        #expect(dockerfile.instructions[1].heredocs.map(\.delimiter) == ["EOF"])
        #expect(dockerfile.instructions[1].heredocs[0].body.string == "pip install torch\napt-get install -y git\n")
        #expect(dockerfile.instructions[1].endLine == 5)
        let regions = dockerfile.shellRegions
        #expect(regions.count == 3)
        let first = ShellSplitter.split(regions[0].text).commands
        #expect(first.map { $0.words.map(\.text) } == [["pip", "install", "torch"], ["apt-get", "install", "-y", "git"]])
        #expect(line(of: first[0].words[2].offset, in: text) == 3)
        // The python here-document is not shell.
        #expect(ShellSplitter.split(regions[1].text).commands.map { $0.words.map(\.text) } == [["python3"]])
    }

    @Test func execFormAndFlags() {
        let text = """
        FROM python:3.11-slim
        RUN --mount=type=cache,target=/root/.cache/pip pip install torch
        RUN ["pip", "install", "numpy"]
        RUN ["/bin/sh", "-c", "pip install \\"pandas>=2\\""]

        """
        let regions = parse(text).shellRegions
        #expect(regions.count == 3)
        let flagged = regions[0].parse().commands[0].words
        #expect(flagged.map(\.text) == ["pip", "install", "torch"])
        let exec = regions[1].parse().commands[0].words
        #expect(exec.map(\.text) == ["pip", "install", "numpy"])
        #expect(exec[2].offset == offset(of: "\"numpy\"", in: text))
        let script = regions[2].parse().commands[0].words
        #expect(script.map(\.text) == ["pip", "install", "pandas>=2"])
        // `\"` in the JSON maps to the escape's place.
        #expect(script[2].offset == offset(of: "\\\"pandas", in: text))
    }

    @Test func powershellStagesAreNotPOSIX() {
        let text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN pip install torch\nFROM python:3.11\nRUN pip install numpy\n"
        let regions = parse(text).shellRegions
        #expect(regions.map(\.isPOSIX) == [false, true])
        #expect(regions[0].parse().commands[0].words.map(\.text) == ["pip", "install", "torch"])
    }

    @Test func unterminatedContinuationIsDiagnosed() {
        let dockerfile = parse("FROM python:3.11\nRUN pip install \\\n")
        #expect(dockerfile.diagnostics.count == 1)
        #expect(dockerfile.diagnostics[0].message.contains("line continuation at the end of the file"))
        #expect(dockerfile.instructions.count == 2)
        #expect(dockerfile.instructions[1].argumentText == "pip install ")
    }

    @Test func unterminatedHeredocIsDiagnosed() {
        let dockerfile = parse("FROM python:3.11\nRUN <<EOF\npip install torch\n")
        #expect(dockerfile.diagnostics.count == 1)
        #expect(dockerfile.diagnostics[0].message.contains("never closed"))
        #expect(dockerfile.shellRegions.first?.parse().commands.first?.words.map(\.text) == ["pip", "install", "torch"])
    }

    @Test func imageReferences() {
        #expect(ImageReference("python").pinning == .none)
        #expect(ImageReference("python:latest").pinning == .latest)
        #expect(ImageReference("python:3.11-slim").pinning == .tag("3.11-slim"))
        #expect(ImageReference("localhost:5000/team/trainer").pinning == .none)
        #expect(ImageReference("localhost:5000/team/trainer:1.2").pinning == .tag("1.2"))
        #expect(ImageReference("scratch").pinning == .scratch)
        #expect(ImageReference("python:3.11@sha256:" + String(repeating: "a", count: 64)).pinning == .digest)
        #expect(ImageReference("python@sha256:abc").pinning == .none)
    }
}
