/// Problems found while checking a policy document, in the order found.
struct PolicyProblems {
    private(set) var problems: [(field: String, message: String)] = []

    /// Records a problem.
    mutating func add(_ field: String, _ message: String) { problems.append((field, message)) }

    /// Records a problem unless `condition` holds.
    mutating func require(_ condition: Bool, _ field: String, _ message: @autoclosure () -> String) {
        if !condition { add(field, message()) }
    }

    /// Records a problem unless `value` lies in `range`.
    mutating func range(_ value: Int, _ range: ClosedRange<Int>, _ field: String) {
        require(range.contains(value), field, "expected integer from \(range.lowerBound) to \(range.upperBound)")
    }

    /// Throws the first problem with the rest attached.
    func throwIfAny() throws(PolicyDocumentError) {
        guard let first = problems.first else { return }
        throw PolicyDocumentError(
            code: .invalidValue, field: first.field, message: first.message,
            otherProblems: problems.dropFirst().map { "\($0.field): \($0.message)" })
    }
}
