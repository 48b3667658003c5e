extension RequirementSpec {
    /// The marker after `;`, parsed; nil when there is none or it does not parse
    /// (`MarkerExpression(marker)` gives the reason).
    public var parsedMarker: MarkerExpression? {
        guard let marker else { return nil }
        return try? MarkerExpression(marker)
    }

    /// The specifiers as a PEP 440 set; nil when a clause is not valid PEP 440
    /// (for example a `${VAR}` version).
    public var specifierSet: PEP440SpecifierSet? { try? PEP440SpecifierSet(specifiers) }
}
