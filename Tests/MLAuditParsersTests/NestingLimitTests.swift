import MLAuditParsers
import Testing

/// Parsers that recurse on nesting stop at a fixed depth with a reason, instead of
/// exhausting the stack on a hostile file (found by fuzzing).
@Suite struct NestingLimitTests {
    @Test func deeplyParenthesisedMarkerIsAnError() {
        let marker = String(repeating: "(", count: 5000) + "os_name == 'posix'" + String(repeating: ")", count: 5000)
        do {
            _ = try MarkerExpression(marker)
        } catch {
            #expect(error.reason == "parentheses nested more than 32 deep")
            #expect(error.offset == 32)
        }
    }

    @Test func markerWithTooManyComparisonsIsAnError() {
        let marker = Array(repeating: "os_name == 'posix'", count: 20_000).joined(separator: " and ")
        do {
            _ = try MarkerExpression(marker)
            Issue.record("a marker of 20,000 comparisons was accepted")
        } catch {
            #expect(error.reason == "more than 256 comparisons in one marker")
        }
    }

    @Test func markersWithinTheLimitsStillParse() throws {
        let nested = String(repeating: "(", count: 32) + "os_name == 'posix'" + String(repeating: ")", count: 32)
        #expect(try MarkerExpression(nested).evaluate(.cpython("3.11", platform: .linux)))
        let long = Array(repeating: "python_version >= '3'", count: 256).joined(separator: " and ")
        #expect(try MarkerExpression(long).evaluate(.cpython("3.11", platform: .linux)))
    }

    @Test func deeplyNestedSubstitutionsStopWithOneDiagnostic() {
        let text = "echo " + String(repeating: "$(", count: 5000) + String(repeating: ")", count: 5000) + " && pip install torch"
        let result = ShellSplitter.split(text)
        #expect(result.diagnostics.map(\.message) == ["shell substitutions nested more than 64 deep; the rest is not read"])
        #expect(result.commands.first?.words.first?.text == "echo")
    }

    @Test func substitutionsWithinTheLimitStillSplit() {
        let text = "echo " + String(repeating: "$(", count: 64) + "pip install torch" + String(repeating: ")", count: 64)
        let result = ShellSplitter.split(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.commands.contains { $0.words.map(\.text) == ["pip", "install", "torch"] && $0.depth == 64 })
    }
}
