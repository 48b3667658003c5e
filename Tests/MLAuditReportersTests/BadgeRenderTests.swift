import CLibXML2
import Foundation
import MLAuditCore
import MLAuditReporters
import MLAuditTestSupport
import Testing

/// Text measurement, the SVG and the shields endpoint JSON.
@Suite struct BadgeRenderTests {
    static let labels = ["reproducibility", "build", "passing", "failing", "mlaudit", "i", "WWWWWWWW", "ML · ÆØÅ ñ", "x y", "reproducibility score"]

    @Test func widthsAreOddAndGrowWithText() {
        for text in Self.labels + ["", "A · 96", "F · 0"] {
            #expect(BadgeText.width(text) % 2 == 1, "\(text)")
            #expect(Double(BadgeText.width(text)) >= BadgeText.preciseWidth(text).rounded(.down))
            #expect(Double(BadgeText.width(text)) <= BadgeText.preciseWidth(text) + 2)
        }
        var text = ""
        var previous = BadgeText.width(text)
        for ch in "reproducibility" {
            text.append(ch)
            let w = BadgeText.width(text)
            #expect(w >= previous)
            previous = w
        }
        #expect(BadgeText.width("reproducibility") > BadgeText.width("build"))
        #expect(BadgeText.width("WW") > BadgeText.width("ii"))
        // DejaVu: 'm' is 1995 units, so "mm" = 3990 * 11 / 2048 = 21.4 → 21.
        #expect(BadgeText.width("mm") == 21)
        // Unknown code points measure like 'm'; control characters take nothing.
        #expect(BadgeText.width("\u{4E2D}") == BadgeText.width("m"))
        #expect(BadgeText.width("a\u{7}b") == BadgeText.width("ab"))
    }

    @Test func noLabelOverflowsItsHalf() {
        for label in Self.labels {
            let svg = BadgeSVG(label: label, message: "B · 83", color: "#97ca00")
            #expect(svg.labelWidth == svg.labelTextWidth + 10)
            #expect(Double(svg.labelWidth) >= BadgeText.preciseWidth(label) + 8, "\(label) fits with padding")
            #expect(Double(svg.messageWidth) >= BadgeText.preciseWidth("B · 83") + 8)
            #expect(svg.width == svg.labelWidth + svg.messageWidth)
        }
    }

    @Test func geometryMatchesTheShieldsExample() throws {
        // The example in ../shared/schemas draws "mlaudit" in 41 px; with our widths the
        // same layout rules must give the same attribute shapes.
        let svg = BadgeSVG(label: "mlaudit", message: "3 findings", color: "#dfb317")
        let out = svg.render()
        let lw = svg.labelWidth, tw = svg.labelTextWidth, mw = svg.messageTextWidth
        #expect(out.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(svg.width)\" height=\"20\" role=\"img\" aria-label=\"mlaudit: 3 findings\">"))
        #expect(out.contains("<title>mlaudit: 3 findings</title>"))
        #expect(out.contains("<rect width=\"\(lw)\" height=\"20\" fill=\"#555\"/>"))
        #expect(out.contains("<rect x=\"\(lw)\" width=\"\(mw + 10)\" height=\"20\" fill=\"#dfb317\"/>"))
        #expect(out.contains("x=\"\(60 + 5 * tw)\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"\(tw * 10)\">mlaudit</text>"))
        #expect(out.contains("x=\"\(10 * (lw + 4) + 5 * mw)\" y=\"150\""))
        // Same arithmetic on the example's own numbers (41 and 55 px) gives its 265 and 825.
        #expect(60 + 5 * 41 == 265 && 10 * (51 + 4) + 5 * 55 == 825)
    }

    @Test func svgIsWellFormedAndDeterministic() throws {
        let score = BadgeScore.compute([ScoredFinding(rule: "PIN001", severity: .error, path: "r.txt")], filesChecked: 2)
        for label in Self.labels + ["<&\"'>", ""] {
            let badge = Badge(label: label, score: score)
            let out = badge.svg.render()
            #expect(out == badge.svg.render(), "same input, same bytes")
            #expect(out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
            let parsed: Bool = out.withCString { ptr in
                guard let doc = xmlReadMemory(ptr, Int32(strlen(ptr)), "badge.svg", "UTF-8", Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)) else { return false }
                defer { xmlFreeDoc(doc) }
                guard let root = xmlDocGetRootElement(doc) else { return false }
                return String(cString: root.pointee.name) == "svg"
            }
            #expect(parsed, "libxml2 parses the badge for label \(label)")
        }
        let escaped = Badge(label: "<&\"'>", score: score).svg.render()
        #expect(escaped.contains("<title>&lt;&amp;&quot;'&gt;: B · 86</title>"))
    }

    @Test func endpointJSONHasExactlyTheShieldsKeys() throws {
        let badge = Badge(score: BadgeScore.compute([], filesChecked: 3))
        let json = badge.endpointJSON
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schemaVersion", "label", "message", "color"])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["label"] as? String == "reproducibility")
        #expect(object["message"] as? String == "A · 100")
        #expect(object["color"] as? String == "brightgreen")
        try Self.validateEndpoint(json)
        let worst = Badge(label: "", score: BadgeScore.compute((1...40).map { ScoredFinding(rule: String(format: "LCK%03d", $0), severity: .error, path: "x") }, filesChecked: 1))
        #expect(worst.score.grade == .f)
        try Self.validateEndpoint(worst.endpointJSON)
    }

    /// Validates shields endpoint JSON against ../shared/schemas with python3 jsonschema.
    public static func validateEndpoint(_ json: String) throws {
        guard let schemas = PackagePaths.schemas else {
            if PackagePaths.isCI { Issue.record("../shared/schemas is missing on CI") }
            print("SKIP shields endpoint validation: ../shared/schemas not found")
            return
        }
        guard let python = CommandRunner.which("python3"),
              (try? CommandRunner.run(python, ["-c", "import jsonschema"]).status) == 0 else {
            if PackagePaths.isCI { Issue.record("python3 with jsonschema is required on CI") }
            print("SKIP shields endpoint validation: python3 with jsonschema not available")
            return
        }
        let dir = try TemporaryTree(files: ["endpoint.json": json])
        let script = """
        import json, sys
        from jsonschema import validators
        schema = json.load(open(sys.argv[1]))
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        errors = list(cls(schema).iter_errors(json.load(open(sys.argv[2]))))
        for e in errors: print(e.message)
        sys.exit(1 if errors else 0)
        """
        let result = try CommandRunner.run(python, ["-c", script, schemas.appendingPathComponent("shields-endpoint.schema.json").path,
                                                    dir.url.appendingPathComponent("endpoint.json").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func readsBackAScanJSONReport() throws {
        let report = Report(command: "scan", findings: [
            Finding(ruleID: "PIN001", severity: .error, message: "m", location: Location(path: "requirements.txt", line: 1, column: 1)),
            Finding(ruleID: "NBK001", severity: .note, message: "m", location: Location(path: "a.ipynb", line: 1, column: 1)),
        ], diagnostics: [], rules: [], filesChecked: 7)
        let input = try BadgeReportReader.parse(Data(JSONReporter().render(report).utf8))
        #expect(input.filesChecked == 7)
        #expect(input.findings.map(\.rule) == ["PIN001", "NBK001"])
        #expect(BadgeScore.compute(input.findings, filesChecked: input.filesChecked) == Badge(report: report).score)
        for bad in ["", "[]", "{\"version\":2,\"findings\":[],\"summary\":{\"files\":1}}", "{\"version\":1}",
                    "{\"version\":1,\"findings\":[{\"rule\":\"PIN001\"}],\"summary\":{\"files\":1}}"] {
            #expect(throws: BadgeReportReader.ReadError.self) { try BadgeReportReader.parse(Data(bad.utf8)) }
        }
    }
}
