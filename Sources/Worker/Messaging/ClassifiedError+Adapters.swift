import Kafka
import Postgres
import Understanding

// Errors of the adapters say themselves whether retrying can help.
extension PostgresError: ClassifiedError {}
extension KafkaError: ClassifiedError {}
extension UnderstandingError: ClassifiedError {}
