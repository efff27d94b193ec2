import Kafka
import Lifecycle
import Logging
import SupportMessaging
import SupportPipeline

/// The consumer and the dispatcher as one service: subscribe, poll, dispatch; on shutdown the
/// consumer closes (revoking its partitions through the dispatcher, which lets in-flight
/// messages finish and stores their offsets) and the dispatcher drains.
final class ConsumerService: Service {
    let name = "consumer"
    let consumer: KafkaConsumer
    let dispatcher: Dispatcher
    let topics: [String]
    let revokeTimeout: Duration
    let intake: WorkerApplication.Intake?
    let logger: Logger

    init(
        consumer: KafkaConsumer, dispatcher: Dispatcher, topics: [String], revokeTimeout: Duration,
        intake: WorkerApplication.Intake?, logger: Logger
    ) {
        self.consumer = consumer
        self.dispatcher = dispatcher
        self.topics = topics
        self.revokeTimeout = revokeTimeout
        self.intake = intake
        self.logger = logger
    }

    func run() async throws {
        try consumer.subscribe(topics: topics)
        async let dispatching: Void = dispatcher.run()
        do {
            let bridge = KafkaDispatchBridge(dispatcher: dispatcher, revokeTimeout: revokeTimeout)
            try await consumer.run(handler: intake?(bridge, consumer) ?? bridge)
        } catch {
            dispatcher.finish()
            await dispatching
            throw error
        }
        dispatcher.finish()
        await dispatching
    }

    func triggerGracefulShutdown() {
        consumer.triggerShutdown()
    }
}
