import MLAuditParsers
import Testing

@Suite struct VersionChangeTests {
    @Test(arguments: [
        ("1.0", "1.0", VersionChange.none), ("1.0", "1.0.0", .none), ("2.1.0+cu118", "2.1.0+CU118", .none),
        ("1.0", "1!1.0", .epoch), ("1!2.0", "3.0", .epoch),
        ("1.2.3", "2.0.0", .major), ("1.9", "2", .major), ("0.9.9", "1.0.0", .major), ("2.0", "1.0", .major),
        ("1.2.3", "1.3.0", .minor), ("1", "1.1", .minor), ("1.2.3a1", "1.3", .minor),
        ("1.2.3", "1.2.4", .patch), ("1.2", "1.2.1", .patch), ("1.2.3.4", "1.2.3.5", .patch),
        ("1.2.3.4.5", "1.2.3.4.6", .patch), ("1.2.3", "1.2.3.1", .patch), ("1.2.3.post1", "1.2.4", .patch),
        ("1.0a1", "1.0a2", .prerelease), ("1.0a1", "1.0b1", .prerelease), ("1.0rc1", "1.0", .prerelease),
        ("1.0", "1.0rc1", .prerelease), ("1.0a1.post1", "1.0b1", .prerelease),
        ("1.0", "1.0.post1", .postrelease), ("1.0.post1", "1.0.post2", .postrelease), ("1.0-1", "1.0.post2.dev1", .postrelease),
        ("1.0.dev1", "1.0.dev2", .devrelease), ("1.0.dev1", "1.0", .devrelease), ("1.0a1.dev1", "1.0a1", .devrelease),
        ("2.1.0+cu118", "2.1.0+cu121", .local), ("2.1.0", "2.1.0+cpu", .local), ("1.0+a.1", "1.0+a", .local),
    ])
    func classifiesTheLargestChange(old: String, new: String, change: VersionChange) throws {
        let a = try #require(PEP440Version(old)), b = try #require(PEP440Version(new))
        #expect(VersionChange.classify(from: a, to: b) == change)
        #expect(VersionChange.classify(from: b, to: a) == change)
    }

    @Test(arguments: [
        ("1.0", "1.1", VersionChangeDirection.upgrade), ("1.1", "1.0", .downgrade), ("1.0", "1.0.0", .unchanged),
        ("1.0rc1", "1.0", .upgrade), ("1.0", "1.0.dev1", .downgrade), ("2.1.0+cu118", "2.1.0+cu121", .upgrade),
        ("1.0+cu121", "1.0", .downgrade), ("1!0.1", "9.9", .downgrade),
    ])
    func direction(old: String, new: String, direction: VersionChangeDirection) throws {
        let a = try #require(PEP440Version(old)), b = try #require(PEP440Version(new))
        #expect(VersionChange.direction(from: a, to: b) == direction)
        #expect(VersionChange.isUpgrade(from: a, to: b) == (direction == .upgrade))
        #expect(a.isUpgrade(to: b) == (direction == .upgrade))
    }
}
