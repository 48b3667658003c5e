import MLAuditCore
import Testing

@Suite struct NameFilterTests {
    let names = ["numpy", "os.path.join", "np", "é", "a_very_long_name_that_runs_past_sixty_three_bytes_so_its_length_bit_saturates"]

    @Test func everyMemberPasses() {
        let filter = NameFilter(names)
        for name in names {
            #expect(filter.mayContain(name))
            #expect(filter.mayContain(name[...]))
            #expect(filter.mayContain(ArraySlice(Array(name.utf8))))
        }
    }

    @Test func namesOfAnotherLengthOrFirstByteAreRejected() {
        let filter = NameFilter(names)
        #expect(!filter.mayContain("torch"))        // first byte t never seen
        #expect(!filter.mayContain("nump"))         // length 4 never seen
        #expect(!filter.mayContain(""))
        #expect(filter.mayContain("numba"))         // same first byte and length: passes, the set decides
    }

    @Test func anEmptyFilterRejectsEverything() {
        #expect(!NameFilter().mayContain("x"))
        #expect(!NameFilter([String]()).mayContain(""))
    }

    @Test func bytesAtOrAbove128AreTracked() {
        var filter = NameFilter()
        filter.insert("ä")
        #expect(filter.mayContain("äb"[..<"äb".index(after: "äb".startIndex)]))
        #expect(!filter.mayContain("b"))
    }
}

@Suite struct NameSetTests {
    @Test func containsExactlyItsNames() {
        let set = NameSet(["set_seed", "init_seeds", "np"])
        #expect(set.contains("set_seed"))
        #expect(set.contains("torch.set_seed".split(separator: ".").last!))
        #expect(!set.contains("set_seeds"))      // same first byte, another length
        #expect(!set.contains("sat_seed"))       // same first byte and length: the set decides
        #expect(!set.contains(""))
        #expect(!NameSet([String]()).contains("np"))
    }
}

@Suite struct DottedNameTests {
    @Test func headAndLast() {
        #expect(DottedName.head("numpy.random.seed") == "numpy")
        #expect(DottedName.last("numpy.random.seed") == "seed")
        #expect(DottedName.head("print") == "print")
        #expect(DottedName.last("print") == "print")
        #expect(DottedName.last("torch.Generator().manual_seed") == "manual_seed")
        #expect(DottedName.head("") == "")
    }

    /// Long (heap) and short (inline) strings, a leading or trailing dot, non-ASCII names:
    /// the parts before the first and after the last dot byte.
    @Test(arguments: ["a.b", ".a", "a.", ".", "mmengine.runner.checkpoint.load_checkpoint", "données.chargé().lire",
                      "x" + String(repeating: "y", count: 40) + ".z", "é.è"])
    func partsAgreeWithTheirDefinition(name: String) {
        let bytes = Array(name.utf8)
        let first = bytes.firstIndex(of: UInt8(ascii: ".")).map { String(decoding: bytes[..<$0], as: UTF8.self) } ?? name
        let last = bytes.lastIndex(of: UInt8(ascii: ".")).map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) } ?? name
        #expect(String(DottedName.head(name)) == first)
        #expect(String(DottedName.last(name)) == last)
    }

    @Test func endsWithBytesComparesBytes() {
        let long = "torch.hub.load_state_dict_from_url"
        #expect(long.endsWithBytes(".load_state_dict_from_url"))
        #expect(long.endsWithBytes(long))
        #expect(long.endsWithBytes(""))
        #expect(!long.endsWithBytes("x" + long))
        #expect(!long.endsWithBytes("_from_URL"))
        #expect("e\u{301}".endsWithBytes("\u{301}"))
        #expect(!"é".endsWithBytes("e"))
    }
}

@Suite struct ByteWordsTests {
    let words = ByteWords(["if", "def", "class", "nonlocal"])

    @Test func matchesWholeWordsOnly() {
        #expect(words.word(matching: ArraySlice(Array("def".utf8))) == "def")
        #expect(words.contains(ArraySlice(Array("nonlocal".utf8))))
        #expect(!words.contains(ArraySlice(Array("define".utf8))))
        #expect(!words.contains(ArraySlice(Array("de".utf8))))
        #expect(!words.contains(ArraySlice(Array("i".utf8))))
        #expect(!words.contains([]))
        // A slice that does not start at index 0.
        let line = Array("x = class".utf8)
        #expect(words.word(matching: line[4...]) == "class")
    }
}
