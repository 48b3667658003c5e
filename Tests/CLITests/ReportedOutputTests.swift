import Foundation
import MLAuditCore
import MLAuditTestSupport
import Testing

/// Output a user reads: paths with spaces quoted whole, project-level findings at the
/// manifest, and `mlaudit rules` listing the severities findings really get.
@Suite struct ReportedOutputTests {
    @Test func pathsWithSpacesStayWholeInMessages() throws {
        let tree = try TemporaryTree(files: [
            "train.py": "import os\ndf = open(\"/home/alice/My Data/train set.csv\")\nmodel_path = \"/mnt/shared drive/models/best model.pt\"\nprint(\"/home/alice/x is missing\")\n",
            "config.yaml": "data_dir: /home/alice/My Data/imagenet\n",
            "run.sh": "#!/bin/sh\ncp \"/scratch/bob/big files/x.bin\" data/\n",
        ])
        let result = try CommandRunner.mlaudit(["scan", "--select", "PATH", "--no-color"], in: tree.url)
        for path in ["/home/alice/My Data/train set.csv", "/mnt/shared drive/models/best model.pt", "/home/alice/My Data/imagenet",
                     "/scratch/bob/big files/x.bin"] {
            #expect(result.stdout.contains("`\(path)`"), "\(path) quoted whole in \(result.stdout)")
        }
        #expect(result.stdout.contains("`/home/alice/x`"), "prose after a path is not part of it")
    }

    @Test func projectLevelFindingsPointAtTheManifest() throws {
        let tree = try TemporaryTree(files: ["requirements.txt": "numpy==1.26.4\n", "a.py": "import numpy\n"])
        let result = try CommandRunner.mlaudit(["scan", "--select", "DEC003", "--no-color"], in: tree.url)
        #expect(result.stdout.hasPrefix("requirements.txt:1:1: DEC003 [warning] "), "\(result.stdout)")
    }

    @Test func rulesListTheSeveritiesFindingsCanGet() throws {
        let table = try CommandRunner.mlaudit(["rules"])
        let line = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("PIN007 ") })
        #expect(line.contains(" error/note "), "\(line)")
        let json = try CommandRunner.mlaudit(["rules", "PIN008", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.first?["severities"] as? [String] == ["error", "warning"])
        #expect((entries.first?["docs"] as? String)?.hasPrefix("https://") == true)
    }

    @Test func rulesShowTheConfiguredSeverity() throws {
        let tree = try TemporaryTree(files: ["mlaudit.yaml": "severity:\n  PIN005: error\n"])
        let table = try CommandRunner.mlaudit(["rules", "PIN"], in: tree.url)
        let line = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("PIN005 ") })
        #expect(line.contains(" error (configured) "), "\(line)")
        let other = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("PIN006 ") })
        #expect(other.contains(" warning "))
    }
}
