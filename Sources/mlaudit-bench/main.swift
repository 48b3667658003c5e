import Foundation
import MLAuditParsers

// Throughput of the Python front end on a large generated file (release builds only).
// Usage: mlaudit-bench lexer [MEGABYTES] [REPETITIONS]
let arguments = CommandLine.arguments.dropFirst()
guard arguments.first == "lexer" else {
    FileHandle.standardError.write(Data("usage: mlaudit-bench lexer [MEGABYTES] [REPETITIONS]\n".utf8))
    exit(2)
}
let megabytes = arguments.dropFirst().first.flatMap(Int.init) ?? 64
let repetitions = arguments.dropFirst(2).first.flatMap(Int.init) ?? 5
var corpus = PythonCorpus(seed: 42)
let source = corpus.generate(bytes: megabytes << 20)
let size = Double(source.count) / 1_048_576

func best(_ body: () -> Int) -> (seconds: Double, result: Int) {
    var fastest = Double.infinity
    var result = 0
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        result = body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (fastest, result)
}

let lex = best { PythonLexer.tokenize(source).count }
let analyse = best {
    let tokens = PythonLexer.tokenize(source)
    let imports = PythonImports.extract(tokens, source)
    return PythonCalls.analyze(tokens, source, imports).calls.count
}
print(String(format: "input: %.1f MB of generated Python, best of %d runs", size, repetitions))
print(String(format: "lexer:                    %8.1f MB/s  (%d tokens)", size / lex.seconds, lex.result))
print(String(format: "lexer + imports + calls:  %8.1f MB/s  (%d calls)", size / analyse.seconds, analyse.result))
