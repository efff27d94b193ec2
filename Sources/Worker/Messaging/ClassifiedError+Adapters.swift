import Kafka
import Understanding

// Errors of the adapters say themselves whether retrying can help.
extension KafkaError: ClassifiedError {}
extension UnderstandingError: ClassifiedError {}
