import Kafka
import SupportPipeline

// Kafka errors say themselves whether retrying can help.
extension KafkaError: ClassifiedError {}
