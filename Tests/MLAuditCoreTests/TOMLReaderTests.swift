import MLAuditCore
import Testing

/// toml++ aborts the process on a table header whose key starts with a character
/// no key can start with (found by fuzzing); `TOMLReader` reports it instead.
@Suite struct TOMLReaderTests {
    @Test(arguments: [("[project]\nname = \"x\"\n[|x]\n", 3, 2), ("[[ |]]\n", 1, 4), ("a = 1\n  [\t{b}]\n", 2, 5), ("[[|package]]", 1, 3)])
    func headerKeyStartingWithAnInvalidCharacterIsAnError(_ text: String, _ line: Int, _ column: Int) {
        do {
            _ = try TOMLReader.parse(text)
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.description == "a table header's key cannot start with this character")
        }
    }

    @Test(arguments: [
        "a = [\n  [+1],\n  [{ x = 1 }],\n  [ -2 ],\n]\n[b]\nc = 1\n",
        "s = \"\"\"\n[|not a header\n\"\"\"\nt = '''\n[{'''\n[ok]\n",
        "# [|comment\n[\"quoted key\"]\n['literal']\n[[array.of.tables]]\n",
        "x = { y = [\n[1]] }\n[z]\n",
    ])
    func arraysStringsAndCommentsAreNotHeaders(_ text: String) throws {
        _ = try TOMLReader.parse(text)
    }

    @Test func otherErrorsKeepTOMLKitsPlace() {
        do {
            _ = try TOMLReader.parse("a = 1\nb = \n")
            Issue.record("accepted a key without a value")
        } catch {
            #expect(error.line == 2)
        }
    }
}
