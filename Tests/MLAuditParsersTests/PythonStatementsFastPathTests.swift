import Testing
@testable import MLAuditParsers

@Suite struct PythonStatementsFastPathTests {
    /// Conditions of `if` name availability checks: the ASCII reading agrees with the Unicode one.
    @Test(arguments: [
        "TYPE_CHECKING", "TYPE_CHECKINGX", "is_torch_available", "IS_TORCH_AVAILABLE", "is_available", "is__available",
        "Is_Flash_Attn_Available", "is_torch", "_TORCH_AVAILABLE", "HAS_APEX", "__HAS_APEX", "HAS", "HAS_", "has_apex",
        "TORCH_GREATER_EQUAL_2_0", "APEX_INSTALLED", "AVAILABLE", "Available", "X", "_", "__", "123", "", "is_",
        "_available", "torch", "ÄVAILABLE", "is_tørch_available",
    ])
    func availabilityNamesAgreeWithUnicodeReading(name: String) {
        if let fast = PythonStatements.asciiIsAvailabilityName(name) {
            #expect(fast == PythonStatements.unicodeIsAvailabilityName(name), "\(name)")
        }
        #expect(PythonStatements.isAvailabilityName(name) == PythonStatements.unicodeIsAvailabilityName(name), "\(name)")
    }

    @Test func assignmentsResolveTheirHeadThroughImports() {
        let source = "import numpy as np\nfrom torch.backends import cudnn\nnp.random.x = 1\ncudnn . benchmark = True\nself.y = 2\n"
        let summary = PythonCalls.analyze(Array(source.utf8))
        #expect(summary.assignments.map(\.qualifiedName) == ["numpy.random.x", "torch.backends.cudnn.benchmark", "self.y"])
    }

    /// The position cursor, which tries the current and next line first, places every offset
    /// where the line table does, for queries in order and out of order.
    @Test func positionCursorAgreesWithLineTable() {
        let bytes = Array("a = 1\n\n\nbé = f(x,\n  y)\nlast".utf8)
        let table = PythonLineTable(bytes)
        var cursor = PythonPositionCursor(table, bytes)
        let offsets = Array(0...bytes.count) + [3, 0, 12, 7, 8, 20, 2]
        for offset in offsets {
            let expected = table.position(ofByte: offset, in: bytes)
            let got = cursor.position(ofByte: offset)
            #expect(got.line == expected.line && got.column == expected.column, "\(offset)")
        }
    }
}
