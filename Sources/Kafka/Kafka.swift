import CRdKafka

/// Facts about the Kafka client library underneath this module.
///
/// The module is a thin layer over librdkafka: ``KafkaProducer`` and ``KafkaConsumer`` each own
/// one librdkafka client, and ``MockCluster`` runs librdkafka's in-process Kafka-protocol broker.
public enum Kafka {
    /// The version of the linked librdkafka, as it reports itself (`rd_kafka_version_str`).
    public static var librdkafkaVersion: String { String(cString: rd_kafka_version_str()) }
}
