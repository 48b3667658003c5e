/// Parses os-release(5): `KEY=value` lines, values optionally quoted with
/// shell-style escapes.
enum OSReleaseParser {
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingSpaces()
            guard !line.isEmpty, !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            fields[key] = unquote(line[line.index(after: equals)...])
        }
        return fields
    }

    private static func unquote(_ raw: Substring) -> String {
        guard let quote = raw.first, quote == "\"" || quote == "'" else { return String(raw) }
        var result = ""
        var escaped = false
        for character in raw.dropFirst() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" && quote == "\"" {
                escaped = true
            } else if character == quote {
                break
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func operatingSystem(from fields: [String: String]) -> HostInfo.OperatingSystem {
        HostInfo.OperatingSystem(
            id: fields["ID"], name: fields["NAME"], version: fields["VERSION"],
            versionID: fields["VERSION_ID"], prettyName: fields["PRETTY_NAME"]
        )
    }
}
