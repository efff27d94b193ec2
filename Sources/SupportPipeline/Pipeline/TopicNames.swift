import Foundation

/// Topic names the worker reads and writes (all configurable).
public struct TopicNames: Sendable, Hashable {
    public var inbound = "support.inbound"
    public var replies = "support.replies"
    public var escalations = "support.escalations"
    public var agentEvents = "support.agent-events"
    public var refundRequests = "support.refund-requests"
    public var deadLetter = "support.deadletter"

    public init() {}

    /// The topics the worker consumes.
    public var consumed: [String] { [inbound, agentEvents] }

    /// Every topic the worker touches.
    public var all: [String] { [inbound, replies, escalations, agentEvents, refundRequests, deadLetter] }
}
