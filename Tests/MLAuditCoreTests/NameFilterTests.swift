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
