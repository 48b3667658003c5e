import Foundation
import MLAuditTestSupport
import Testing

/// YAML that strict composing refuses but the tools that use the file read: a
/// duplicated key (PyYAML keeps the last value) and a stream of several documents.
/// Such a file is still checked, and the report names the problem in one short line.
@Suite struct YAMLReadingTests {
    static let environment = """
    name: train
    dependencies:
      - numpy
      - pip
    name: train-gpu

    """

    @Test func aDuplicatedKeyIsNamedWithItsLinesAndTheFileIsStillChecked() throws {
        let tree = try TemporaryTree(files: ["environment.yml": Self.environment])
        let run = try CommandRunner.mlaudit(["scan", "--select", "PIN003", "--exit-zero", "--no-color", "."], in: tree.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("environment.yml:3:5: PIN003"), "the file was not checked: \(run.stdout)")
        #expect(run.stdout.contains("environment.yml:1: parse-error duplicate YAML key 'name' (line 1 and again at line 5"), "\(run.stdout)")
        // The file itself is never pasted into the report.
        #expect(!run.stdout.contains("train-gpu"), "\(run.stdout)")
        #expect(!run.stdout.contains("Context:"), "\(run.stdout)")
    }

    @Test func theLastValueOfADuplicatedKeyIsTheOneRead() throws {
        let tree = try TemporaryTree(files: [".github/workflows/ci.yml": """
        on: push
        jobs:
          test:
            runs-on: ubuntu-24.04
            steps:
              - run: pip install numpy==1.26.4
            steps:
              - run: pip install pandas

        """])
        let run = try CommandRunner.mlaudit(["scan", "--select", "PIN002", "--exit-zero", "--format", "json", "."], in: tree.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("`pandas`"), "the later steps were not read: \(run.stdout)")
        #expect(run.stdout.contains("duplicate YAML key 'steps' (line 5 and again at line 7"), "\(run.stdout)")
    }

    @Test func aStreamOfDocumentsIsReadFromItsFirstDocument() throws {
        let tree = try TemporaryTree(files: [".github/workflows/ci.yml": """
        on: push
        jobs:
          test:
            runs-on: ubuntu-24.04
            steps:
              - run: pip install pandas
        ---
        note: a second document

        """])
        let run = try CommandRunner.mlaudit(["scan", "--select", "PIN002", "--exit-zero", "--verbose", "--no-color", "."], in: tree.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ci.yml:6:"), "the first document was not read: \(run.stdout)")
        #expect(!run.stdout.contains("parse-error"), "\(run.stdout)")
        #expect(run.stdout.contains("only the first YAML document"), "\(run.stdout)")
    }
}
