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

/// The syntax check run before toml++: the examples of the TOML 1.0 specification
/// are accepted (and parse), malformed text is refused with its place, and nothing
/// malformed reaches toml++ (some of it aborted the process there).
@Suite struct TOMLSyntaxTests {
    static let valid: [String] = [
        // Comments, key/value pairs, bare, quoted and dotted keys.
        "# This is a full-line comment\nkey = \"value\"  # This is a comment at the end of a line\nanother = \"# This is not a comment\"\n",
        "key = \"value\"\nbare_key = \"value\"\nbare-key = \"value\"\n1234 = \"value\"\n",
        "\"127.0.0.1\" = \"value\"\n\"character encoding\" = \"value\"\n\"ʎǝʞ\" = \"value\"\n'key2' = \"value\"\n'quoted \"value\"' = \"value\"\n",
        "\"\" = \"blank\"\n",
        "name = \"Orange\"\nphysical.color = \"orange\"\nphysical.shape = \"round\"\nsite.\"google.com\" = true\n",
        "fruit.name = \"banana\"\nfruit. color = \"yellow\"\nfruit . flavor = \"banana\"\n",
        "3.14159 = \"pi\"\n",
        // Strings of the four kinds.
        "str = \"I'm a string. \\\"You can quote me\\\". Name\\tJos\\u00E9\\nLocation\\tSF.\"\n",
        "str1 = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n",
        "str2 = \"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\\n    the lazy dog.\"\"\"\nstr3 = \"\"\"\\\n       The quick brown \\\n       fox jumps over \\\n       the lazy dog.\\\n       \"\"\"\n",
        "str4 = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\nstr5 = \"\"\"Here are three quotation marks: \"\"\\\".\"\"\"\nstr7 = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n",
        "winpath  = 'C:\\Users\\nodejs\\templates'\nquoted   = 'Tom \"Dubs\" Preston-Werner'\nregex    = '<\\i\\c*\\s*>'\n",
        "regex2 = '''I [dw]on't need \\d{2} apples'''\nlines  = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''\n",
        "quot15 = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\napos15 = \"Here are fifteen apostrophes: '''''''''''''''\"\nstr = ''''That,' she said, 'is still pointless.''''\n",
        "emoji = \"\\U0001F600\"\ncrlf = \"a\"\r\nnext = 1\r\n",
        // Integers and floats.
        "int1 = +99\nint2 = 42\nint3 = 0\nint4 = -17\nint5 = 1_000\nint6 = 5_349_221\nint7 = 53_49_221\nint8 = 1_2_3_4_5\n",
        "hex1 = 0xDEADBEEF\nhex2 = 0xdeadbeef\nhex3 = 0xdead_beef\noct1 = 0o01234567\noct2 = 0o755\nbin1 = 0b11010110\n",
        "max = 9223372036854775807\nmin = -9223372036854775808\n",
        "flt1 = +1.0\nflt2 = 3.1415\nflt3 = -0.01\nflt4 = 5e+22\nflt5 = 1e06\nflt6 = -2E-2\nflt7 = 6.626e-34\nflt8 = 224_617.445_991_228\n",
        "sf1 = inf\nsf2 = +inf\nsf3 = -inf\nsf4 = nan\nsf5 = +nan\nsf6 = -nan\nz = -0.0\nbool1 = true\nbool2 = false\n",
        // Dates and times.
        "odt1 = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T00:32:00-07:00\nodt3 = 1979-05-27T00:32:00.999999-07:00\nodt4 = 1979-05-27 07:32:00Z\n",
        "ldt1 = 1979-05-27T07:32:00\nldt2 = 1979-05-27T00:32:00.999999\nld1 = 1979-05-27\nlt1 = 07:32:00\nlt2 = 00:32:00.999999\nleap = 2000-02-29\n",
        // Arrays and inline tables.
        "integers = [ 1, 2, 3 ]\ncolors = [ \"red\", \"yellow\", \"green\" ]\nnested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]\nnested_mixed_array = [ [ 1, 2 ], [\"a\", \"b\", \"c\"] ]\n",
        "string_array = [ \"all\", 'strings', \"\"\"are the same\"\"\", '''type''' ]\nnumbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]\ncontributors = [\n  \"Foo Bar <foo@example.com>\",\n  { name = \"Baz Qux\", email = \"bazqux@example.com\", url = \"https://example.com/bazqux\" }\n]\n",
        "integers2 = [\n  1, 2, 3\n]\nintegers3 = [\n  1,\n  2, # this is ok\n]\nempty = []\nspaced = [ ]\n",
        "name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = { x = 1, y = 2 }\nanimal = { type.name = \"pug\" }\nempty = {}\n",
        // Tables and arrays of tables.
        "[table-1]\nkey1 = \"some string\"\nkey2 = 123\n\n[table-2]\nkey1 = \"another string\"\nkey2 = 456\n",
        "[dog.\"tater.man\"]\ntype.name = \"pug\"\n[a.b.c]\n[ d.e.f ]\n[ g .  h  . i ]\n[ j . \"ʞ\" . 'l' ]\n",
        "[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]  # empty table within the array\n\n[[products]]\nname = \"Nail\"\nsku = 284758393\n\ncolor = \"gray\"\n",
        "[[fruits]]\nname = \"apple\"\n\n[fruits.physical]  # subtable\ncolor = \"red\"\nshape = \"round\"\n\n[[fruits.varieties]]  # nested array of tables\nname = \"red delicious\"\n\n[[fruits.varieties]]\nname = \"granny smith\"\n",
        "points = [ { x = 1, y = 2, z = 3 },\n           { x = 7, y = 8, z = 9 },\n           { x = 2, y = 4, z = 8 } ]\n",
        "\u{FEFF}[project]\nname = \"x\"\n",
        "a = 1",
    ]

    @Test(arguments: valid)
    func specificationExamplesAreAccepted(_ text: String) throws {
        #expect(TOMLSyntax.check(text) == nil, "\(String(describing: TOMLSyntax.check(text)))")
        _ = try TOMLReader.parse(text)
    }

    static let invalid: [(String, Int, Int)] = [
        ("d = [1,}\n", 1, 8),
        ("x = 1979-05-27T)07:32:00Z\n", 1, 16),
        ("\u{FEFF}[|x]\n", 1, 2),
        ("key = # no value\n", 1, 7),
        ("first = \"Tom\" last = \"Preston-Werner\"\n", 1, 15),
        ("= \"no key name\"\n", 1, 1),
        ("a = \"unterminated\nb = 1\n", 1, 18),
        ("a = '''never closed\n", 2, 1),
        ("a = \"bad \\q escape\"\n", 1, 11),
        ("a = \"\\uD800\"\n", 1, 6),
        ("a = \"\"\"six quotes \"\"\"\"\"\"\n", 1, 24),
        ("a = 01\n", 1, 5),
        ("a = 1__0\n", 1, 6),
        ("a = _1\n", 1, 5),
        ("a = 1_\n", 1, 6),
        ("a = 0x_1\n", 1, 7),
        ("a = +0x1\n", 1, 7),
        ("a = 9223372036854775808\n", 1, 5),
        ("a = 0xFFFFFFFFFFFFFFFF\n", 1, 23),
        ("a = 1.\n", 1, 7),
        ("a = .5\n", 1, 5),
        ("a = 1e\n", 1, 7),
        ("a = 1979-13-01\n", 1, 15),
        ("a = 1979-02-30\n", 1, 15),
        ("a = 1979-05-27T25:00:00\n", 1, 24),
        ("a = 07:32\n", 1, 10),
        ("a = 1979-05-27T07:32:00+0700\n", 1, 27),
        ("a = tru\n", 1, 5),
        ("a = True\n", 1, 5),
        ("a = { b = 1, }\n", 1, 14),
        ("a = { b = 1\n, c = 2 }\n", 1, 12),
        ("a = [ 1 2 ]\n", 1, 9),
        ("a = [ , ]\n", 1, 7),
        ("x = 1\na = [1,\n  { b = [2,\n", 3, 9),
        ("[a\nb = 1\n", 1, 3),
        ("[[a]\n", 1, 4),
        ("[a] b = 1\n", 1, 5),
        ("[a.]\n", 1, 4),
        ("a..b = 1\n", 1, 3),
        ("a = \"\"\"x\"\"\"y\n", 1, 12),
        ("a = 1\rb = 2\n", 1, 6),
        ("# bell \u{07} in a comment\n", 1, 8),
        ("a = \"tab\tok but not \u{01}\"\n", 1, 21),
        ("k = \"\"\"a\"\"\" \"b\"\n", 1, 13),
    ]

    @Test(arguments: invalid)
    func malformedTextIsRefusedWithItsPlace(_ text: String, _ line: Int, _ column: Int) {
        do {
            _ = try TOMLReader.parse(text)
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect(error.line == line && error.column == column, "\(text.debugDescription): \(error.line):\(error.column) \(error)")
        }
    }

    @Test func deepOrLongStructuresStopAtTheLimitsInLinearTime() {
        let header = "[" + Array(repeating: "a", count: 160_000).joined(separator: ".") + "]\n"
        let failure = TOMLSyntax.check(header)
        #expect(failure?.reason.contains("max-nesting-depth") == true, "\(String(describing: failure))")
        let arrays = "a = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        #expect(TOMLSyntax.check(arrays)?.reason.contains("nested deeper than 200") == true)
        let tables = "a = " + String(repeating: "{b=", count: 150) + "1" + String(repeating: "}", count: 150) + "\n"
        #expect(TOMLSyntax.check(tables)?.reason.contains("nested deeper") == true, "inline tables with their keys count twice")
        #expect(TOMLSyntax.check(String(repeating: "k = 1\n", count: 10), limits: .init(maxKeys: 5))?.line == 6)
        let wide = "a = [" + String(repeating: "1,", count: 500_000) + "]\n"
        let start = ContinuousClock.now
        #expect(TOMLSyntax.check(wide) == nil)
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}
