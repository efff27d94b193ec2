import Foundation

/// A message the worker could not process (topic `support.deadletter`, keyed by the original
/// key), with its coordinates, the reason, and its original bytes.
public struct DeadLetterEvent: OutboundEvent, Hashable {
    public static let kind = EventKind.deadLetter

    /// Where the message was read.
    public struct Source: Sendable, Hashable, Encodable {
        public var topic: String
        public var partition: Int32
        public var offset: Int64

        public init(topic: String, partition: Int32, offset: Int64) {
            self.topic = topic
            self.partition = partition
            self.offset = offset
        }
    }

    /// Why it was not processed.
    public struct Failure: Sendable, Hashable, Encodable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var schemaVersion = 1
    public var eventID: String
    public var source: Source
    public var error: Failure
    public var attempts: Int
    public var messageID: String?
    public var keyBase64: String?
    public var payloadBase64: String
    public var createdAt: Date
    /// The original key, byte for byte (the dead letter is published under it).
    public var originalKey: [UInt8]?

    public var kafkaKey: [UInt8]? { originalKey }

    /// A dead letter for the payload at `source`, with a deterministic event id.
    public init(
        source: Source, rejection: InboundRejection, attempts: Int, key: [UInt8]?, payload: [UInt8], createdAt: Date
    ) {
        self.eventID = EventID.deadLetter(
            topic: source.topic, partition: source.partition, offset: source.offset, payload: payload)
            .lowercasedString
        self.source = source
        let message = String(rejection.message.prefix(2000))
        self.error = Failure(code: rejection.code.rawValue, message: message.isEmpty ? rejection.code.rawValue : message)
        self.attempts = max(1, attempts)
        self.messageID = InboundMessageDecoder.bestEffortMessageID(payload)?.lowercasedString
        self.keyBase64 = key.map { Data($0).base64EncodedString() }
        self.payloadBase64 = Data(payload).base64EncodedString()
        self.createdAt = createdAt
        self.originalKey = key
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, eventID = "eventId", source, error, attempts, messageID = "messageId", keyBase64
        case payloadBase64, createdAt
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(source, forKey: .source)
        try c.encode(error, forKey: .error)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(messageID, forKey: .messageID)
        try c.encode(keyBase64, forKey: .keyBase64)
        try c.encode(payloadBase64, forKey: .payloadBase64)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
