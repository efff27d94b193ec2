/// A database content problem the pipeline cannot fix by retrying (an outbox row of an unknown
/// kind, a conversation that belongs to another customer, a misnamed migration).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// A stable code (`conversation_customer_mismatch`, `bad_event_id`, …).
    public var code: String
    /// What is wrong, without customer data.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
