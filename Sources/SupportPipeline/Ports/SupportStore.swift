import Foundation
import SupportEvents

/// The database, as the pipeline uses it. The PostgreSQL adapter implements it; unit tests use
/// an in-memory fake.
public protocol SupportStore: Sendable {
    /// The events a message id produced, when it was processed already (in publish order), or
    /// its dead letter, when it was dead-lettered; nil when the id was never seen.
    func storedEvents(messageID: UUID) async throws -> [EncodedEvent]?
    /// Loads what `message` needs, scoped to its customer. `orderIDs` are the order
    /// references the message names, as typed: an order is loaded when one of a reference's
    /// `OrderReference.lookupKeys` equals its id normalized the same way.
    func loadContext(for message: InboundMessage, orderIDs: [String]) async throws -> CustomerContext
    /// Writes everything a processed message decided, atomically.
    func commit(_ processed: ProcessedMessage) async throws -> CommitOutcome
    /// Records a hand-over (inbox row, the conversation marked as with a human whatever its
    /// version, turns, outbox) and returns the events to publish: these, without the
    /// acknowledgement when the conversation was already with a human, or the events stored
    /// for the message id when it was processed already.
    func commitHandover(_ handover: Handover) async throws -> [EncodedEvent]
    /// Records a dead letter once (by event id) and returns the stored event, which is the
    /// earlier one when the record was dead-lettered before.
    func recordDeadLetter(_ letter: DeadLetterRecord) async throws -> EncodedEvent
    /// Applies an agent console event (deduplicated by its id); returns false for a duplicate.
    func apply(_ event: AgentEvent) async throws -> Bool
}
