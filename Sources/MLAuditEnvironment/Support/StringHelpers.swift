extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns.
    func trimmingSpaces() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" || self[start] == "\r" || self[start] == "\n" {
            start = index(after: start)
        }
        while end > start {
            let before = index(before: end)
            let character = self[before]
            guard character == " " || character == "\t" || character == "\r" || character == "\n" else { break }
            end = before
        }
        return self[start ..< end]
    }
}
