import MLAuditParsers
import Testing

/// Notebook mode of the JSON scanner: cell outputs keep their shape, their payloads
/// are checked but not kept.
@Suite struct JSONOutputPayloadTests {
    static let notebook = """
    {"cells": [{"cell_type": "code", "source": ["x = 1\\n"], "metadata": {"text": "kept"},
      "outputs": [
        {"output_type": "stream", "name": "stdout", "text": ["epoch 1\\n", "loss \\u00e9\\n"]},
        {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo=", "text/plain": ["<Figure>"]}, "metadata": {}},
        {"output_type": "error", "ename": "KeyError", "evalue": "'x'", "traceback": ["\\u001b[0;31m", "KeyError"]}
      ]}]}
    """

    @Test func payloadsAreNullAndTheRestIsKept() throws {
        let root = try JSONScanner.parse(Array(Self.notebook.utf8), skippingOutputPayloads: true)
        let cell = try #require(root["cells"]?.array?.first)
        #expect(cell["metadata"]?["text"]?.string == "kept", "a `text` key outside outputs is read")
        let outputs = try #require(cell["outputs"]?.array)
        #expect(outputs.map { $0["output_type"]?.string } == ["stream", "display_data", "error"])
        #expect(outputs[0]["name"]?.string == "stdout")
        #expect(outputs[0]["text"]?.isNull == true)
        #expect(outputs[1]["data"]?.isNull == true)
        #expect(outputs[2]["ename"]?.string == "KeyError")
        #expect(outputs[2]["traceback"]?.isNull == true)
        // The skipped value's offset is where it starts in the file.
        let offset = try #require(outputs[1]["data"]?.offset)
        #expect(Array(Self.notebook.utf8)[offset] == UInt8(ascii: "{"))
    }

    @Test func withoutNotebookModeEverythingIsRead() throws {
        let root = try JSONScanner.parse(Array(Self.notebook.utf8))
        let outputs = try #require(root["cells"]?.array?.first?["outputs"]?.array)
        #expect(outputs[0]["text"]?.array?.count == 2)
    }

    @Test(arguments: [
        ("{\"outputs\": [{\"text\": \"a\u{01}b\"}]}", "control character in JSON string"),
        (#"{"outputs": [{"text": "a\qb"}]}"#, "invalid escape '\\q' in JSON string"),
        (#"{"outputs": [{"text": "\u12G4"}]}"#, "invalid \\u escape in JSON string"),
        (#"{"outputs": [{"data": {"a": 1,}}]}"#, "expected a string key in JSON object"),
        (#"{"outputs": [{"data": [1 2]}]}"#, "expected ',' or ']' in JSON array"),
        (#"{"outputs": [{"text": "unterminated"#, "unterminated JSON string"),
        (#"{"outputs": [{"data": {"a": tru}}]}"#, "invalid literal (expected 'true')"),
    ])
    func brokenPayloadsAreStillErrors(_ input: String, _ message: String) {
        #expect(throws: JSONError.self) { try JSONScanner.parse(Array(input.utf8), skippingOutputPayloads: true) }
        do {
            _ = try JSONScanner.parse(Array(input.utf8), skippingOutputPayloads: true)
        } catch {
            #expect(error.message == message)
            // The same message as when the payload is read.
            do { _ = try JSONScanner.parse(Array(input.utf8)) } catch let full { #expect(full.message == message) }
        }
    }
}
