import Testing

@testable import Kafka

@Suite("Consumer state")
struct ConsumerStateTests {
    let p0 = TopicPartition(topic: "inbound", partition: 0)
    let p1 = TopicPartition(topic: "inbound", partition: 1)

    @Test("run starts once, and not after the consumer finished")
    func runOnce() {
        var state = ConsumerState()
        let first = state.startRun()
        let second = state.startRun()
        state.finish()
        let afterFinish = state.startRun()
        #expect(first == .start)
        #expect(second == .refuseRunning)
        #expect(afterFinish == .refuseFinished)
    }

    @Test("a revocation hands back the stored offsets of exactly the revoked partitions")
    func revokeReturnsStoredOffsets() {
        var state = ConsumerState()
        state.assign([p0, p1])
        state.stored(p0, nextOffset: 5)
        state.stored(p1, nextOffset: 9)
        let toCommit = state.revoke([p0])
        #expect(toCommit == [p0: 5])
        #expect(state.isAssigned(p0) == false)
        #expect(state.isAssigned(p1))
        #expect(state.storedOffsets == [p1: 9])
    }

    @Test("offsets stored after a revocation are not remembered")
    func storeAfterRevoke() {
        var state = ConsumerState()
        state.assign([p0])
        _ = state.revoke([p0])
        state.stored(p0, nextOffset: 3)
        #expect(state.storedOffsets.isEmpty)
    }

    @Test("lost partitions drop their stored offsets without handing them out")
    func lostDropsOffsets() {
        var state = ConsumerState()
        state.assign([p0, p1])
        state.stored(p0, nextOffset: 5)
        state.lose([p0])
        #expect(state.storedOffsets.isEmpty)
        #expect(state.assignment == [p1])
    }

    @Test("a reassigned partition starts without stored offsets")
    func reassignClears() {
        var state = ConsumerState()
        state.assign([p0])
        state.stored(p0, nextOffset: 5)
        state.assign([p0])
        #expect(state.storedOffsets.isEmpty)
    }

    @Test("stop requests and fatal errors both end the poll loop; only the first counts")
    func stopping() {
        var state = ConsumerState()
        let before = state.shouldStop
        let first = state.requestStop()
        let second = state.requestStop()
        #expect(before == false)
        #expect(first == true)
        #expect(second == false)
        #expect(state.shouldStop)
        var failing = ConsumerState()
        let firstFailure = failing.fail(with: KafkaError(.fatal, "fenced", isFatal: true))
        let secondFailure = failing.fail(with: KafkaError(.fatal, "again", isFatal: true))
        #expect(firstFailure == true)
        #expect(secondFailure == false)
        #expect(failing.shouldStop)
        #expect(failing.fatalError?.message == "fenced")
    }
}

@Suite("Consumer life cycle")
struct ConsumerLifecycleTests {
    let p0 = TopicPartition(topic: "inbound", partition: 0)

    @Test("a stop asked before run still lets run start, to close cleanly, and ends its loop at once")
    func stopBeforeRun() {
        var state = ConsumerState()
        _ = state.requestStop()
        #expect(state.shouldStop)
        #expect(state.startRun() == .start)
        #expect(state.shouldStop)
        #expect(state.startRun() == .refuseRunning)
    }

    @Test("a finished consumer holds nothing and keeps its fatal error")
    func finishedHoldsNothing() {
        var state = ConsumerState()
        _ = state.startRun()
        state.assign([p0])
        state.stored(p0, nextOffset: 4)
        _ = state.fail(with: KafkaError(.fatal, "fenced", isFatal: true))
        #expect(state.assignment == [p0], "a stopping consumer still holds its partitions until it closes")
        state.finish()
        #expect(state.assignment.isEmpty && state.storedOffsets.isEmpty)
        #expect(state.fatalError?.message == "fenced")
        state.assign([p0])
        #expect(state.assignment.isEmpty, "nothing can be assigned to a closed consumer")
    }
}
