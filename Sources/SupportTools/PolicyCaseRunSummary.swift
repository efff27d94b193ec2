/// How a `PolicyCaseProcessor.run` went.
public struct PolicyCaseRunSummary: Sendable, Hashable {
    /// Lines decided.
    public var decided = 0
    /// Lines answered with an error.
    public var failed = 0

    /// An empty summary.
    public init() {}
}
