import SupportPipeline
import Kafka
import SupportEvents

/// Publishes encoded events to their topics through the idempotent producer (acks=all), and
/// returns once the broker acknowledged every one of them.
public struct KafkaEventPublisher: EventPublisher {
    let producer: KafkaProducer
    let topics: TopicNames

    public init(producer: KafkaProducer, topics: TopicNames) {
        self.producer = producer
        self.topics = topics
    }

    /// The topic of an event kind.
    public func topic(for kind: EventKind) -> String {
        switch kind {
        case .inboundMessage: topics.inbound
        case .reply: topics.replies
        case .escalation: topics.escalations
        case .agentEvent: topics.agentEvents
        case .refundRequest: topics.refundRequests
        case .deadLetter: topics.deadLetter
        }
    }

    public func publish(_ events: [EncodedEvent]) async throws {
        guard !events.isEmpty else { return }
        let records = events.map { event in
            ProducerRecord(
                topic: topic(for: event.kind), key: event.key, value: event.payload,
                headers: [
                    KafkaHeader(key: "event_id", string: event.eventID),
                    KafkaHeader(key: "event_kind", string: event.kind.rawValue),
                ])
        }
        for result in await producer.send(records) {
            if case .failure(let error) = result { throw error }
        }
    }
}
