import MLAuditParsers
import Testing

/// A `;` followed only by spaces once crashed the parser (found by fuzzing): the
/// marker's start was looked for past the trimmed end of the requirement.
@Suite struct EmptyMarkerTests {
    @Test(arguments: ["numpy==0.26.4 ; ", "numpy==0.26.4 ;\t\t", "pkg @ https://example.com/p.whl ;  "])
    func separatorFollowedBySpacesIsAnEmptyMarker(_ text: String) {
        guard case .failure(let error) = RequirementSpec.parseResult(Substring(text)) else {
            Issue.record("accepted \(text.debugDescription)")
            return
        }
        #expect(error.offset <= text.utf8.count)
    }
}
