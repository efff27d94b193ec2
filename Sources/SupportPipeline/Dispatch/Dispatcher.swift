import Foundation
import Logging
import Synchronization

/// Runs records through a `RecordHandler` with per-conversation order, parallelism across
/// conversations, bounded buffering with pause/resume, and offsets stored only for finished
/// prefixes of each partition. Fed by the consumer's callbacks (`received`, `assigned`,
/// `revoking`, `lost`), which never block.
public final class Dispatcher: Sendable {
    private let state: Mutex<DispatchState>
    private let consumer: any ConsumerControl
    private let handler: any RecordHandler
    private let logger: Logger
    private let work: AsyncStream<(InboundRecord, UInt64)>
    private let workInput: AsyncStream<(InboundRecord, UInt64)>.Continuation
    /// Revocations waiting for their partitions' running records, by waiter id.
    private let drainContinuations = Mutex<(next: UInt64, waiting: [UInt64: CheckedContinuation<Void, Never>])>((1, [:]))

    /// - Parameters:
    ///   - maximumBuffered: received, unfinished records above which partitions are paused.
    ///   - maximumRunning: records processed at once, across conversations and partitions.
    public init(
        maximumBuffered: Int, maximumRunning: Int = .max, consumer: any ConsumerControl, handler: any RecordHandler,
        logger: Logger
    ) {
        self.state = Mutex(DispatchState(maximumBuffered: maximumBuffered, maximumRunning: maximumRunning))
        self.consumer = consumer
        self.handler = handler
        self.logger = logger
        (work, workInput) = AsyncStream.makeStream(of: (InboundRecord, UInt64).self)
    }

    /// Runs the records' processing until `finish()` is called and every started record ended.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await (record, epoch) in work {
                group.addTask { await self.process(record, epoch: epoch) }
            }
        }
    }

    /// No more records will arrive: `run` returns once the running ones end.
    public func finish() {
        workInput.finish()
    }

    /// Received, unfinished records (for metrics).
    public var buffered: Int { state.withLock { $0.buffered } }

    /// Whether intake is paused for backpressure (for metrics and health).
    public var isPaused: Bool { state.withLock { $0.paused } }

    /// Partitions currently assigned.
    public var assignedPartitions: [PartitionID] { state.withLock { $0.assigned } }

    public func received(_ record: InboundRecord) {
        perform(state.withLock { $0.receive(record) })
    }

    public func assigned(_ partitions: [PartitionID]) {
        logger.info("partitions assigned", ["partitions": .array(partitions.map { .string($0.description) })])
        perform(state.withLock { $0.assign(partitions) })
    }

    /// Lets running records of `partitions` finish (until `deadline`) and store their offsets,
    /// drops their waiting records, then forgets the partitions.
    public func revoking(_ partitions: [PartitionID], deadline: ContinuousClock.Instant) async {
        perform(state.withLock { $0.beginRevoke(partitions) })
        let waiter = drainContinuations.withLock { d in
            defer { d.next += 1 }
            return d.next
        }
        // Wait until the state machine says the running records finished, or the deadline.
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(until: deadline)
                if self.state.withLock({ $0.cancelDrain(waiter: waiter) }) { self.resumeDrain(waiter) }
            }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                drainContinuations.withLock { $0.waiting[waiter] = continuation }
                perform(state.withLock { $0.awaitDrain(of: partitions, waiter: waiter) })
                if ContinuousClock.now >= deadline, state.withLock({ $0.cancelDrain(waiter: waiter) }) {
                    resumeDrain(waiter)
                }
            }
            group.cancelAll()
        }
        let abandoned = state.withLock { s in partitions.reduce(0) { $0 + s.runningCount(in: $1) } }
        if abandoned > 0 {
            logger.warning(
                "revocation deadline passed; abandoning running records (they will be redelivered)",
                ["abandoned": .integer(abandoned)])
        }
        perform(state.withLock { $0.completeRevoke(partitions) })
        logger.info("partitions revoked", ["partitions": .array(partitions.map { .string($0.description) })])
    }

    /// The partitions were lost (another member may own them already): forget them at once.
    public func lost(_ partitions: [PartitionID]) {
        logger.warning("partitions lost", ["partitions": .array(partitions.map { .string($0.description) })])
        perform(state.withLock { $0.completeRevoke(partitions) })
    }

    /// Resumes the revocation waiting as `waiter`, once.
    private func resumeDrain(_ waiter: UInt64) {
        drainContinuations.withLock { $0.waiting.removeValue(forKey: waiter) }?.resume()
    }

    private func process(_ record: InboundRecord, epoch: UInt64) async {
        let partition = record.partitionID
        await handler.handle(record) { self.state.withLock { $0.isCurrent(partition, epoch: epoch) } }
        perform(state.withLock { $0.finish(record, epoch: epoch) })
    }

    private func perform(_ actions: [DispatchState.Action]) {
        for action in actions {
            switch action {
            case .start(let record, let epoch): workInput.yield((record, epoch))
            case .storeOffset(let partition, let next): consumer.storeOffset(partition, nextOffset: next)
            case .pause(let partitions):
                logger.notice("pausing intake (backpressure)", ["partitions": .integer(partitions.count)])
                consumer.pause(partitions)
            case .resume(let partitions):
                logger.notice("resuming intake", ["partitions": .integer(partitions.count)])
                consumer.resume(partitions)
            case .drained(let waiter):
                resumeDrain(waiter)
            }
        }
    }
}
