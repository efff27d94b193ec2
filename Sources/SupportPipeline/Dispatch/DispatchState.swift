/// The dispatcher's state machine: which records wait, which run, which partitions are paused
/// and how far each partition may be committed. A value type, tested synchronously; its
/// mutating methods return the actions to perform after the lock is released.
///
/// Rules:
/// - Records with the same ordering key (conversation) run one at a time, in offset order;
///   different keys run in parallel, also within one partition.
/// - A partition's offset is stored only up to the first record that has not finished.
/// - At most `maximumRunning` records run at once; a record whose conversation is free but
///   that finds every slot taken waits in a first-come queue for one.
/// - When `maximumBuffered` records are received and unfinished, every assigned partition is
///   paused; they resume once the count drops to half of it.
/// - Revocation happens in two steps. `beginRevoke` drops the partition's waiting records
///   (never finished, so their offsets are never stored and the next owner gets them again)
///   and ignores new ones, while running records may still finish and store offsets.
///   `completeRevoke` forgets the partition; records still running are abandoned and their
///   completion moves nothing.
struct DispatchState: Sendable {
    enum Action: Sendable, Equatable {
        /// Start processing this record now; hand `epoch` back to `finish`.
        case start(InboundRecord, epoch: UInt64)
        /// Everything below `nextOffset` in this partition is finished: store it.
        case storeOffset(PartitionID, nextOffset: Int64)
        case pause([PartitionID])
        case resume([PartitionID])
        /// The records that were running in the partitions `waiter` awaits have all finished.
        case drained(waiter: UInt64)
    }

    private struct Partition {
        /// Distinguishes this assignment from an earlier one of the same partition.
        var epoch: UInt64
        var watermark = OffsetWatermark()
        var revoking = false
        /// Received, not finished, not dropped.
        var unfinished = 0
    }

    let maximumBuffered: Int
    let resumeAt: Int
    let maximumRunning: Int

    private var partitions: [PartitionID: Partition] = [:]
    /// Per ordering key: the records waiting behind the running one.
    private var waiting: [OrderingKey: [InboundRecord]] = [:]
    /// Ordering keys with a running record, or with a record in `ready`.
    private var running: Set<OrderingKey> = []
    /// Records whose conversation is free, waiting for a slot (first come, first served).
    private var ready: [InboundRecord] = []
    /// Records started and not finished, of every partition.
    private var runningTotal = 0
    /// Running records per partition.
    private var runningByPartition: [PartitionID: Int] = [:]
    /// Received, unfinished records of assigned partitions (the backpressure measure).
    private(set) var buffered = 0
    private(set) var paused = false
    private var nextEpoch: UInt64 = 1
    /// Revocations waiting for the running records of their partitions to finish.
    private var drainWaiters: [UInt64: Set<PartitionID>] = [:]

    init(maximumBuffered: Int, maximumRunning: Int = .max) {
        precondition(maximumBuffered >= 1 && maximumRunning >= 1)
        self.maximumBuffered = maximumBuffered
        self.resumeAt = maximumBuffered / 2
        self.maximumRunning = maximumRunning
    }

    /// Partitions currently assigned (including those being revoked).
    var assigned: [PartitionID] { partitions.keys.sorted() }

    /// Records running in `partition` (of any assignment epoch).
    func runningCount(in partition: PartitionID) -> Int { runningByPartition[partition, default: 0] }

    /// Whether a record started under `epoch` in `partition` should keep trying: false once
    /// the partition was taken away.
    func isCurrent(_ partition: PartitionID, epoch: UInt64) -> Bool {
        partitions[partition]?.epoch == epoch
    }

    /// Registers `waiter` for the moment no record runs in `partitions`; returns the
    /// `.drained` action at once when none runs now.
    mutating func awaitDrain(of partitions: [PartitionID], waiter: UInt64) -> [Action] {
        let pending = Set(partitions.filter { runningCount(in: $0) > 0 })
        guard !pending.isEmpty else { return [.drained(waiter: waiter)] }
        drainWaiters[waiter] = pending
        return []
    }

    /// Forgets `waiter` (its deadline passed); true when it was still waiting.
    mutating func cancelDrain(waiter: UInt64) -> Bool {
        drainWaiters.removeValue(forKey: waiter) != nil
    }

    mutating func assign(_ added: [PartitionID]) -> [Action] {
        var new: [PartitionID] = []
        for p in added where partitions[p] == nil {
            partitions[p] = Partition(epoch: nextEpoch)
            nextEpoch += 1
            new.append(p)
        }
        // New partitions join the current backpressure state.
        return paused && !new.isEmpty ? [.pause(new.sorted())] : []
    }

    mutating func beginRevoke(_ removed: [PartitionID]) -> [Action] {
        let gone = Set(removed.filter { partitions[$0] != nil })
        guard !gone.isEmpty else { return [] }
        for p in gone { partitions[p]!.revoking = true }
        for (key, queue) in waiting {
            var kept: [InboundRecord] = []
            for record in queue {
                if gone.contains(record.partitionID) {
                    partitions[record.partitionID]!.unfinished -= 1
                    buffered -= 1
                } else {
                    kept.append(record)
                }
            }
            waiting[key] = kept.isEmpty ? nil : kept
        }
        var actions: [Action] = []
        let dropped = ready.filter { gone.contains($0.partitionID) }
        if !dropped.isEmpty {
            ready.removeAll { gone.contains($0.partitionID) }
            for record in dropped {
                partitions[record.partitionID]!.unfinished -= 1
                buffered -= 1
                // Its conversation may still have records of a partition that stays.
                actions += startNext(of: record.orderingKey)
            }
        }
        return actions + resumeIfDrained()
    }

    mutating func completeRevoke(_ removed: [PartitionID]) -> [Action] {
        _ = beginRevoke(removed)
        for p in removed {
            guard let partition = partitions.removeValue(forKey: p) else { continue }
            buffered -= partition.unfinished
        }
        return resumeIfDrained()
    }

    mutating func receive(_ record: InboundRecord) -> [Action] {
        let p = record.partitionID
        guard let partition = partitions[p], !partition.revoking else { return [] }
        guard partitions[p]!.watermark.received(record.offset) else { return [] }
        partitions[p]!.unfinished += 1
        buffered += 1
        var actions: [Action] = []
        let key = record.orderingKey
        if running.contains(key) {
            waiting[key, default: []].append(record)
        } else {
            running.insert(key)
            actions += startOrQueue(record)
        }
        if !paused && buffered >= maximumBuffered {
            paused = true
            actions.append(.pause(assigned))
        }
        return actions
    }

    /// `record`, started under `epoch`, finished: published and persisted, dead-lettered, or
    /// abandoned.
    mutating func finish(_ record: InboundRecord, epoch: UInt64) -> [Action] {
        var actions: [Action] = []
        let p = record.partitionID
        let key = record.orderingKey
        if let count = runningByPartition[p] {
            runningByPartition[p] = count > 1 ? count - 1 : nil
        }
        runningTotal -= 1
        if runningByPartition[p] == nil {
            for (waiter, pending) in drainWaiters where pending.contains(p) {
                let rest = pending.subtracting([p])
                if rest.isEmpty {
                    drainWaiters[waiter] = nil
                    actions.append(.drained(waiter: waiter))
                } else {
                    drainWaiters[waiter] = rest
                }
            }
        }
        if partitions[p]?.epoch == epoch {
            partitions[p]!.unfinished -= 1
            buffered -= 1
            if let next = partitions[p]!.watermark.finished(record.offset) {
                actions.append(.storeOffset(p, nextOffset: next))
            }
        }
        // The freed slot goes to the longest-waiting ready record; this conversation's next
        // record queues behind it (or starts at once when no one waits).
        if !ready.isEmpty {
            actions += start(ready.removeFirst())
        }
        actions += startNext(of: key)
        actions += resumeIfDrained()
        return actions
    }

    /// Starts the next waiting record of `key`'s conversation, or frees the conversation.
    private mutating func startNext(of key: OrderingKey) -> [Action] {
        guard var queue = waiting[key], !queue.isEmpty else {
            running.remove(key)
            return []
        }
        let next = queue.removeFirst()
        waiting[key] = queue.isEmpty ? nil : queue
        return startOrQueue(next)
    }

    /// Starts `record` when a slot is free, or queues it for one.
    private mutating func startOrQueue(_ record: InboundRecord) -> [Action] {
        guard runningTotal < maximumRunning else {
            ready.append(record)
            return []
        }
        return start(record)
    }

    private mutating func start(_ record: InboundRecord) -> [Action] {
        runningTotal += 1
        runningByPartition[record.partitionID, default: 0] += 1
        return [.start(record, epoch: partitions[record.partitionID]!.epoch)]
    }

    private mutating func resumeIfDrained() -> [Action] {
        guard paused && buffered <= resumeAt else { return [] }
        paused = false
        return partitions.isEmpty ? [] : [.resume(assigned)]
    }
}
