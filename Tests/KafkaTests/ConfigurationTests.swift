import Testing

@testable import Kafka

@Suite("Configuration")
struct ConfigurationTests {
    let logger = TestCluster.logger

    private func consumerError(_ change: (inout KafkaConsumerConfiguration) -> Void) -> KafkaError? {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: "127.0.0.1:9", groupID: "group")
        change(&configuration)
        do {
            _ = try KafkaConsumer(configuration: configuration, logger: logger)
            return nil
        } catch {
            return error
        }
    }

    private func producerError(_ change: (inout KafkaProducerConfiguration) -> Void) -> KafkaError? {
        var configuration = KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:9")
        change(&configuration)
        do {
            let producer = try KafkaProducer(configuration: configuration, logger: logger)
            _ = producer
            return nil
        } catch {
            return error
        }
    }

    @Test("an unknown property is refused with an error naming it")
    func unknownProperty() throws {
        let error = try #require(consumerError { $0.extraProperties["no.such.property"] = "1" })
        #expect(error.code == .invalidConfiguration)
        #expect(error.property == "no.such.property")
        #expect(error.message.contains("no.such.property"))
        #expect(error.description.contains("no.such.property"))
    }

    @Test("a bad value is refused with an error naming the property")
    func badValue() throws {
        let error = try #require(producerError { $0.extraProperties["compression.codec"] = "zip" })
        #expect(error.code == .invalidConfiguration)
        #expect(error.property == "compression.codec")
        #expect(error.debugDescription.contains("compression.codec"))
    }

    @Test("a bad typed option is refused naming librdkafka's property")
    func badTypedOption() throws {
        let error = try #require(consumerError { $0.sessionTimeout = .milliseconds(-5) })
        #expect(error.code == .invalidConfiguration)
        #expect(error.property == "session.timeout.ms")
    }

    @Test("properties the wrapper fixes cannot be overridden")
    func fixedProperties() throws {
        let store = try #require(consumerError { $0.extraProperties["enable.auto.offset.store"] = "true" })
        #expect(store.property == "enable.auto.offset.store")
        let acks = try #require(producerError { $0.extraProperties["acks"] = "1" })
        #expect(acks.property == "acks")
        let idempotence = try #require(producerError { $0.extraProperties["enable.idempotence"] = "false" })
        #expect(idempotence.property == "enable.idempotence")
        let alias = try #require(consumerError { $0.extraProperties["session.timeout.ms"] = "6000" })
        #expect(alias.property == "session.timeout.ms")
        #expect(alias.message.contains("sessionTimeout"))
    }

    @Test("empty bootstrap servers or group id are refused")
    func emptyRequiredValues() throws {
        #expect(consumerError { $0.bootstrapServers = " " }?.property == "bootstrap.servers")
        #expect(consumerError { $0.groupID = "" }?.property == "group.id")
        #expect(producerError { $0.bootstrapServers = "" }?.property == "bootstrap.servers")
    }

    @Test("a revoke timeout must stay below the max poll interval")
    func revokeTimeoutBound() throws {
        let error = try #require(consumerError { $0.revokeTimeout = .seconds(400) })
        #expect(error.property == "revokeTimeout")
    }

    @Test("the consumer always stores offsets manually, commits them, and assigns cooperatively")
    func consumerInvariants() throws {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: "b:9092", groupID: "g")
        configuration.extraProperties["fetch.wait.max.ms"] = "100"
        let properties = Dictionary(try configuration.librdkafkaProperties(), uniquingKeysWith: { $1 })
        #expect(properties["enable.auto.offset.store"] == "false")
        #expect(properties["enable.auto.commit"] == "true")
        #expect(properties["partition.assignment.strategy"] == "cooperative-sticky")
        #expect(properties["session.timeout.ms"] == "45000")
        #expect(properties["auto.offset.reset"] == "earliest")
        #expect(properties["statistics.interval.ms"] == "0")
        #expect(properties["fetch.wait.max.ms"] == "100")
    }

    @Test("the producer is always idempotent with acks=all")
    func producerInvariants() throws {
        let configuration = KafkaProducerConfiguration(bootstrapServers: "b:9092")
        let properties = Dictionary(try configuration.librdkafkaProperties(), uniquingKeysWith: { $1 })
        #expect(properties["enable.idempotence"] == "true")
        #expect(properties["acks"] == "all")
        #expect(properties["partitioner"] == "murmur2_random")
        #expect(properties["message.timeout.ms"] == "300000")
    }

    @Test("the librdkafka version is the linked library's")
    func version() {
        #expect(Kafka.librdkafkaVersion.hasPrefix("2."))
    }
}
