import MLAuditParsers
import Testing

@Suite struct MarkerParsingTests {
    @Test(arguments: [
        ("python_version<'3.8'", "python_version < \"3.8\""),
        ("os.name=='nt'", "os_name == \"nt\""),
        ("sys.platform == 'linux'", "sys_platform == \"linux\""),
        ("python_implementation == \"CPython\"", "platform_python_implementation == \"CPython\""),
        ("platform.python_implementation == \"CPython\"", "platform_python_implementation == \"CPython\""),
        ("platform.version == 'x'", "platform_version == \"x\""),
        ("platform.machine == 'x'", "platform_machine == \"x\""),
        ("os_name == 'a' and os_name == 'b' or os_name == 'c'", "os_name == \"a\" and os_name == \"b\" or os_name == \"c\""),
        ("os_name == 'a' and (os_name == 'b' or os_name == 'c')", "os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")"),
        ("(os_name == 'a' or os_name == 'b') and os_name == 'c'", "(os_name == \"a\" or os_name == \"b\") and os_name == \"c\""),
        ("(os_name == 'a' and os_name == 'b') or os_name == 'c'", "os_name == \"a\" and os_name == \"b\" or os_name == \"c\""),
        ("((os_name == 'a'))", "os_name == \"a\""),
        ("platform_version == 'say \"hi\"'", "platform_version == 'say \"hi\"'"),
        ("'linux' in sys_platform", "\"linux\" in sys_platform"),
        ("\"docs\"   not \t in extras", "\"docs\" not in extras"),
        ("python_version === '3.8'", "python_version === \"3.8\""),
        ("python_version~='3.8'", "python_version ~= \"3.8\""),
        ("python_version!='3.8'", "python_version != \"3.8\""),
        ("python_version>='3.8'", "python_version >= \"3.8\""),
        ("python_version<='3.8'", "python_version <= \"3.8\""),
        ("python_version>'3.8'", "python_version > \"3.8\""),
        ("os_name=='nt'or os_name=='posix'", "os_name == \"nt\" or os_name == \"posix\""),
        ("'a'in os_name", "\"a\" in os_name"),
        ("extra == 'GPU'", "extra == \"GPU\""),
        ("dependency_groups == dependency_groups or 'x' in dependency_groups", ""),
    ])
    func normalises(text: String, expected: String) throws {
        if expected.isEmpty {
            #expect(throws: MarkerParseError.self) { try MarkerExpression(text) }
            return
        }
        let expression = try MarkerExpression(text)
        #expect(expression.description == expected)
        #expect(try MarkerExpression(expected) == expression)
    }

    @Test func andBindsTighterThanOr() throws {
        let a = MarkerExpression.comparison(MarkerComparison(lhs: .variable(.osName), op: .equal, rhs: .literal("a")))
        let b = MarkerExpression.comparison(MarkerComparison(lhs: .variable(.osName), op: .equal, rhs: .literal("b")))
        let c = MarkerExpression.comparison(MarkerComparison(lhs: .variable(.osName), op: .equal, rhs: .literal("c")))
        #expect(try MarkerExpression("os_name == 'a' and os_name == 'b' or os_name == 'c'") == .or(.and(a, b), c))
        #expect(try MarkerExpression("os_name == 'a' or os_name == 'b' and os_name == 'c'") == .or(a, .and(b, c)))
        #expect(try MarkerExpression("os_name == 'a' and (os_name == 'b' or os_name == 'c')") == .and(a, .or(b, c)))
        #expect(try MarkerExpression("os_name == 'a' or os_name == 'b' or os_name == 'c'") == .or(.or(a, b), c))
    }

    @Test func everyVariableParses() throws {
        for variable in MarkerVariable.allCases {
            let text = variable.isSet ? "'x' in \(variable.rawValue)" : "\(variable.rawValue) == 'x'"
            #expect(try MarkerExpression(text).variables == [variable])
        }
    }

    /// (text, 1-based column, words the reason must contain)
    static let invalid: [(String, Int, String)] = [
        ("", 1, "empty marker"),
        ("   ", 4, "empty marker"),
        ("python_version", 15, "expected a comparison operator"),
        ("python_version <", 17, "expected a marker variable or a quoted string"),
        ("python_version < 3.8", 18, "marker values need quotes"),
        ("python_version = '3.8'", 16, "did you mean '=='"),
        ("python_version < '3.8", 18, "unterminated string: missing closing '"),
        ("python_version < \"3.8", 18, "missing closing \""),
        ("pyton_version < '3.8'", 1, "unknown marker variable 'pyton_version'"),
        ("Python_Version < '3.8'", 1, "unknown marker variable"),
        ("platform.release == '1'", 1, "unknown marker variable"),
        ("python_version < '3.8' and", 27, "expected a marker variable or a quoted string"),
        ("python_version < '3.8' or or os_name == 'nt'", 27, "unknown marker variable 'or'"),
        ("(python_version < '3.8'", 24, "missing ')' to close the '(' at column 1"),
        ("python_version < '3.8')", 23, "expected 'and' or 'or', found ')'"),
        ("()", 1, "empty parentheses"),
        ("( )", 1, "empty parentheses"),
        ("'3.8' == '3.8'", 1, "needs an environment variable"),
        ("python_version == python_full_version", 19, "needs a quoted string"),
        ("extras == 'gpu'", 1, "is a set"),
        ("'gpu' == extras", 7, "only 'in' and 'not in'"),
        ("os_name not 'nt'", 9, "expected 'in' after 'not'"),
        ("os_name notin 'nt'", 9, "found 'notin'"),
        ("os_name == 'nt' xor sys_platform == 'linux'", 17, "found 'xor'"),
        ("python_version < '3.8' AND os_name == 'nt'", 24, "found 'AND'"),
        ("os_name == 'é' !", 16, "found '!'"),
        ("os_name =! 'nt'", 9, "'=' is not an operator"),
        ("os_name <> 'nt'", 10, "found '>'"),
        ("os_name == 'nt' and and", 21, "unknown marker variable 'and'"),
        ("and os_name == 'nt'", 1, "unknown marker variable 'and'"),
        ("os_name == 'nt';", 16, "found ';'"),
        ("os_name == 'nt' # comment", 17, "found '#'"),
        ("os_name", 8, "found the end of the marker"),
    ]

    @Test(arguments: invalid)
    func rejects(text: String, column: Int, reason: String) {
        do {
            let expression = try MarkerExpression(text)
            Issue.record("\(text) parsed as \(expression)")
        } catch {
            #expect(error.column == column, "\(text): \(error.reason)")
            #expect(error.reason.contains(reason), "\(text): \(error.reason)")
            #expect(error.description.hasPrefix("column \(column): "))
        }
    }
}
