import Foundation
import SupportEvents

/// A dead letter to record before it is published, so that a redelivery publishes the same
/// event and the record is never processed.
public struct DeadLetterRecord: Sendable, Hashable {
    /// The encoded dead-letter event (its id derives from the record's coordinates and bytes).
    public var event: EncodedEvent
    public var source: InboundRecord
    /// The message id the payload names, when one can be read.
    public var messageID: UUID?
    /// The dead-letter error code.
    public var code: String

    public init(event: EncodedEvent, source: InboundRecord, messageID: UUID?, code: String) {
        self.event = event
        self.source = source
        self.messageID = messageID
        self.code = code
    }
}
