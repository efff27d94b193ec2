import Testing
import TestSupport
@testable import SupportPipeline

@Suite struct DispatchStateTests {
    let p0 = PartitionID(topic: "support.inbound", partition: 0)
    let p1 = PartitionID(topic: "support.inbound", partition: 1)

    func record(_ p: PartitionID, _ offset: Int64, _ key: String?) -> InboundRecord {
        InboundRecord(topic: p.topic, partition: p.partition, offset: offset, key: key.map { Array($0.utf8) }, value: [])
    }

    func started(_ actions: [DispatchState.Action]) -> [Int64] {
        actions.compactMap { if case .start(let r, _) = $0 { r.offset } else { nil } }
    }

    func stored(_ actions: [DispatchState.Action]) -> [Int64] {
        actions.compactMap { if case .storeOffset(_, let next) = $0 { next } else { nil } }
    }

    @Test func runsDifferentConversationsOfOnePartitionInParallel() {
        var state = DispatchState(maximumBuffered: 100)
        _ = state.assign([p0])
        #expect(started(state.receive(record(p0, 0, "a"))) == [0])
        #expect(started(state.receive(record(p0, 1, "b"))) == [1])
        #expect(started(state.receive(record(p0, 2, "c"))) == [2])
    }

    @Test func runsOneConversationInOffsetOrder() {
        var state = DispatchState(maximumBuffered: 100)
        _ = state.assign([p0])
        #expect(started(state.receive(record(p0, 0, "a"))) == [0])
        #expect(started(state.receive(record(p0, 1, "a"))) == [])
        #expect(started(state.receive(record(p0, 2, "a"))) == [])
        #expect(started(state.finish(record(p0, 0, "a"), epoch: 1)) == [1])
        #expect(started(state.finish(record(p0, 1, "a"), epoch: 1)) == [2])
        #expect(started(state.finish(record(p0, 2, "a"), epoch: 1)) == [])
    }

    @Test func storesOffsetsOnlyUpToTheFirstUnfinishedRecord() {
        var state = DispatchState(maximumBuffered: 100)
        _ = state.assign([p0])
        for (o, k) in [(10, "a"), (11, "b"), (12, "c")] { _ = state.receive(record(p0, Int64(o), k)) }
        #expect(stored(state.finish(record(p0, 12, "c"), epoch: 1)) == [])
        #expect(stored(state.finish(record(p0, 11, "b"), epoch: 1)) == [])
        #expect(stored(state.finish(record(p0, 10, "a"), epoch: 1)) == [13])
    }

    @Test func pausesWhenFullAndResumesAtHalf() {
        var state = DispatchState(maximumBuffered: 4)
        _ = state.assign([p0, p1])
        var actions: [DispatchState.Action] = []
        for o in 0..<4 { actions += state.receive(record(p0, Int64(o), "k\(o)")) }
        #expect(actions.contains(.pause([p0, p1])))
        #expect(state.paused)
        #expect(!state.finish(record(p0, 0, "k0"), epoch: 1).contains(.resume([p0, p1])))
        #expect(state.finish(record(p0, 1, "k1"), epoch: 1).contains(.resume([p0, p1])))
        #expect(!state.paused)
    }

    @Test func unkeyedRecordsAreOrderedWithTheirWholePartition() {
        var state = DispatchState(maximumBuffered: 100)
        _ = state.assign([p0])
        #expect(started(state.receive(record(p0, 0, nil))) == [0])
        #expect(started(state.receive(record(p0, 1, nil))) == [])
        #expect(started(state.receive(record(p0, 2, "a"))) == [2])
    }

    @Test func ignoresRecordsOfUnassignedPartitionsAndDuplicateDeliveries() {
        var state = DispatchState(maximumBuffered: 100)
        _ = state.assign([p0])
        #expect(state.receive(record(p1, 0, "a")).isEmpty)
        _ = state.receive(record(p0, 5, "a"))
        #expect(state.receive(record(p0, 5, "a")).isEmpty)
        #expect(state.receive(record(p0, 4, "b")).isEmpty)
        #expect(state.buffered == 1)
    }

    @Test func revocationDropsWaitingRecordsAndLetsRunningOnesStoreTheirOffsets() {
        var state = DispatchState(maximumBuffered: 100)
        _ = state.assign([p0, p1])
        _ = state.receive(record(p0, 0, "a"))
        _ = state.receive(record(p0, 1, "a"))  // waits behind 0
        _ = state.receive(record(p1, 0, "b"))
        _ = state.beginRevoke([p0])
        #expect(state.receive(record(p0, 2, "c")).isEmpty)
        // The running record finishes during revocation: its offset is stored, the dropped
        // record behind it is not started and the watermark never passes it.
        let actions = state.finish(record(p0, 0, "a"), epoch: 1)
        #expect(stored(actions) == [1])
        #expect(started(actions) == [])
        _ = state.completeRevoke([p0])
        #expect(state.assigned == [p1])
        #expect(state.buffered == 1)
    }

    @Test func recordsOfAnEarlierAssignmentMoveNoOffsets() {
        var state = DispatchState(maximumBuffered: 100)
        _ = state.assign([p0])
        _ = state.receive(record(p0, 0, "a"))
        _ = state.completeRevoke([p0])  // abandoned while running
        #expect(!state.isCurrent(p0, epoch: 1))
        _ = state.assign([p0])  // epoch 2
        #expect(state.isCurrent(p0, epoch: 2))
        #expect(started(state.receive(record(p0, 0, "a"))) == [])  // waits for the abandoned run
        let actions = state.finish(record(p0, 0, "a"), epoch: 1)
        #expect(stored(actions) == [])
        #expect(actions.contains { if case .start(_, 2) = $0 { true } else { false } })
        #expect(stored(state.finish(record(p0, 0, "a"), epoch: 2)) == [1])
        #expect(state.buffered == 0)
    }

    @Test func beyondTheConcurrencyCapRecordsWaitForASlotInArrivalOrder() {
        var state = DispatchState(maximumBuffered: 100, maximumRunning: 2)
        _ = state.assign([p0])
        #expect(started(state.receive(record(p0, 0, "a"))) == [0])
        #expect(started(state.receive(record(p0, 1, "b"))) == [1])
        #expect(started(state.receive(record(p0, 2, "c"))) == [])  // no slot
        #expect(started(state.receive(record(p0, 3, "a"))) == [])  // behind 0 in its conversation
        #expect(started(state.receive(record(p0, 4, "d"))) == [])  // no slot
        // 0 ends: its slot goes to c (waiting longest); a's next record queues behind d.
        #expect(started(state.finish(record(p0, 0, "a"), epoch: 1)) == [2])
        #expect(started(state.finish(record(p0, 1, "b"), epoch: 1)) == [4])
        #expect(started(state.finish(record(p0, 2, "c"), epoch: 1)) == [3])
        #expect(started(state.finish(record(p0, 4, "d"), epoch: 1)) == [])
        #expect(stored(state.finish(record(p0, 3, "a"), epoch: 1)) == [5])
        #expect(state.buffered == 0)
    }

    @Test func revokingDropsRecordsWaitingForASlotAndFreesTheirConversations() {
        var state = DispatchState(maximumBuffered: 100, maximumRunning: 1)
        _ = state.assign([p0, p1])
        #expect(started(state.receive(record(p1, 0, "x"))) == [0])
        #expect(started(state.receive(record(p0, 0, "a"))) == [])
        #expect(started(state.receive(record(p0, 1, "a"))) == [])
        _ = state.completeRevoke([p0])
        #expect(state.buffered == 1)
        #expect(started(state.finish(record(p1, 0, "x"), epoch: 2)) == [])  // nothing of p0 starts
        _ = state.assign([p0])  // the next owner (here: again us) gets them again
        #expect(started(state.receive(record(p0, 0, "a"))) == [0])
        #expect(stored(state.finish(record(p0, 0, "a"), epoch: 3)) == [1])
    }

    @Test func randomInterleavingsKeepOrderAndCommitOnlyFinishedPrefixes() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<200 {
            // Half the rounds without a cap, half with 1–3 slots.
            let cap = round % 2 == 0 ? Int.max : 1 + Int(rng.next() % 3)
            var state = DispatchState(maximumBuffered: 8, maximumRunning: cap)
            _ = state.assign([p0])
            var runningRecords: [(InboundRecord, UInt64)] = []
            var finished: Set<Int64> = []
            var lastStarted: [String: Int64] = [:]
            var storedUpTo: Int64 = 0
            var nextOffset: Int64 = 0
            func apply(_ actions: [DispatchState.Action]) {
                for action in actions {
                    switch action {
                    case .start(let r, let epoch):
                        let key = String(decoding: r.key!, as: UTF8.self)
                        #expect(lastStarted[key].map { $0 < r.offset } ?? true, "conversation order")
                        lastStarted[key] = r.offset
                        runningRecords.append((r, epoch))
                        #expect(runningRecords.count <= cap, "no more than the cap at once")
                    case .storeOffset(_, let next):
                        #expect(next > storedUpTo)
                        #expect((storedUpTo..<next).allSatisfy { finished.contains($0) }, "only finished offsets")
                        storedUpTo = next
                    case .pause, .resume, .drained: break
                    }
                }
            }
            for _ in 0..<60 {
                if rng.next() % 2 == 0 || runningRecords.isEmpty {
                    let key = "c\(rng.next() % 4)"
                    apply(state.receive(record(p0, nextOffset, key)))
                    nextOffset += 1
                } else {
                    let i = Int(rng.next() % UInt64(runningRecords.count))
                    let (r, epoch) = runningRecords.remove(at: i)
                    finished.insert(r.offset)
                    apply(state.finish(r, epoch: epoch))
                }
            }
            while !runningRecords.isEmpty {
                let (r, epoch) = runningRecords.removeFirst()
                finished.insert(r.offset)
                apply(state.finish(r, epoch: epoch))
            }
            #expect(storedUpTo == nextOffset, "everything finished is committable at the end")
            #expect(state.buffered == 0)
        }
    }
}

/// A small deterministic random generator for tests.

@Suite struct RevocationDrainTests {
    static let p0 = PartitionID(topic: "in", partition: 0)
    static let p1 = PartitionID(topic: "in", partition: 1)

    static func record(_ p: PartitionID, _ offset: Int64, key: String) -> InboundRecord {
        InboundRecord(topic: p.topic, partition: p.partition, offset: offset, key: Array(key.utf8), value: [])
    }

    @Test func aRevocationIsToldTheMomentTheLastRunningRecordOfItsPartitionsFinishes() {
        var state = DispatchState(maximumBuffered: 100)
        _ = state.assign([Self.p0, Self.p1])
        let a = Self.record(Self.p0, 0, key: "a")
        let b = Self.record(Self.p1, 0, key: "b")
        let started = state.receive(a) + state.receive(b)
        let epochs = started.compactMap { if case .start(let r, let e) = $0 { (r, e) } else { nil } }
        #expect(epochs.count == 2)
        _ = state.beginRevoke([Self.p0, Self.p1])
        let waiting = state.awaitDrain(of: [Self.p0, Self.p1], waiter: 7)
        #expect(waiting.isEmpty, "two records still run")
        let afterFirst = state.finish(a, epoch: epochs[0].1)
        #expect(!afterFirst.contains(.drained(waiter: 7)), "one still runs")
        let afterSecond = state.finish(b, epoch: epochs[1].1)
        #expect(afterSecond.contains(.drained(waiter: 7)))
        let stillWaiting = state.cancelDrain(waiter: 7)
        #expect(!stillWaiting, "the waiter was resolved")
    }

    @Test func aRevocationWithNothingRunningIsDrainedAtOnceAndAWaiterCanTimeOut() {
        var state = DispatchState(maximumBuffered: 100)
        _ = state.assign([Self.p0])
        let idle = state.awaitDrain(of: [Self.p0], waiter: 1)
        #expect(idle == [.drained(waiter: 1)])
        _ = state.receive(Self.record(Self.p0, 0, key: "a"))
        let busy = state.awaitDrain(of: [Self.p0], waiter: 2)
        #expect(busy.isEmpty)
        let cancelled = state.cancelDrain(waiter: 2)
        let again = state.cancelDrain(waiter: 2)
        #expect(cancelled && !again)
    }
}
