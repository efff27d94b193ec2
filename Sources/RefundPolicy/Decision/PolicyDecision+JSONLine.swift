extension PolicyDecision {
    /// The decision as one line of the decision format (`Schemas/policy-decision.schema.json`):
    /// fields in the order of the spec, nested keys sorted, text as UTF-8. Equal decisions give
    /// equal bytes.
    public func jsonLine() throws -> String {
        try OrderedJSONLine.encode(self, order: CodingKeys.allCases.map(\.rawValue))
    }
}
