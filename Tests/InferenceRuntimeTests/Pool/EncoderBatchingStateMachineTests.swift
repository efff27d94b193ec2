import Testing
@testable import InferenceRuntime

@Suite("Encoder batching state machine")
struct EncoderBatchingStateMachineTests {
    typealias Machine = EncoderBatchingStateMachine
    let start = ContinuousClock.now

    func machine(queue: Int = 16, batch: Int = 4, tokens: Int = 1000, delay: Duration = .milliseconds(5)) -> Machine {
        Machine(configuration: InferencePoolConfiguration(
            maximumQueueLength: queue, maximumBatchSize: batch, maximumBatchTokens: tokens,
            maximumQueueDelay: delay))
    }

    func request(_ id: Int, tokens: Int = 10, at offset: Duration = .zero) -> Machine.Request {
        .init(id: id, tokens: tokens, arrival: start + offset)
    }

    @Test("the first request waits for company until the queue delay, then runs alone")
    func firstRequestWaitsForTheDelay() {
        var m = machine()
        let (admitted, action) = m.enqueue(request(1), now: start)
        #expect(admitted)
        #expect(action == .wake(at: start + .milliseconds(5)))
        #expect(m.timerFired(now: start + .milliseconds(5)) == .run([request(1)]))
        #expect(m.isBatchRunning)
    }

    @Test("a full batch starts at once, in arrival order")
    func fullBatchStartsAtOnce() {
        var m = machine(batch: 3)
        _ = m.enqueue(request(1), now: start)
        _ = m.enqueue(request(2, at: .milliseconds(1)), now: start + .milliseconds(1))
        let (_, action) = m.enqueue(request(3, at: .milliseconds(2)), now: start + .milliseconds(2))
        #expect(action == .run([request(1), request(2, at: .milliseconds(1)), request(3, at: .milliseconds(2))]))
        #expect(m.queued.isEmpty)
    }

    @Test("requests arriving during a batch form the next one when it finishes")
    func nextBatchAfterTheRunningOne() {
        var m = machine(batch: 2)
        _ = m.enqueue(request(1), now: start)
        _ = m.enqueue(request(2), now: start)
        #expect(m.enqueue(request(3), now: start).action == .none)
        #expect(m.enqueue(request(4), now: start).action == .none)
        #expect(m.enqueue(request(5), now: start).action == .none)
        #expect(m.batchFinished(now: start + .milliseconds(1)) == .run([request(3), request(4)]))
        #expect(m.batchFinished(now: start + .milliseconds(2)) == .wake(at: start + .milliseconds(5)))
        #expect(m.timerFired(now: start + .milliseconds(5)) == .run([request(5)]))
    }

    @Test("the token budget splits batches, but a long request still runs alone")
    func tokenBudgetSplitsBatches() {
        var m = machine(batch: 8, tokens: 100)
        _ = m.enqueue(request(1, tokens: 60), now: start)
        let (_, action) = m.enqueue(request(2, tokens: 60), now: start)
        #expect(action == .run([request(1, tokens: 60)]))
        // The request left over waits for its own queue delay like any other.
        #expect(m.batchFinished(now: start) == .wake(at: start + .milliseconds(5)))
        #expect(m.timerFired(now: start + .milliseconds(5)) == .run([request(2, tokens: 60)]))
        _ = m.batchFinished(now: start + .milliseconds(6))
        #expect(m.enqueue(request(3, tokens: 500), now: start).action == .run([request(3, tokens: 500)]))
    }

    @Test("beyond the queue length requests wait for room and are admitted in order")
    func boundedQueueAppliesBackpressure() {
        var m = machine(queue: 2, batch: 2, delay: .seconds(10))
        _ = m.enqueue(request(1), now: start)
        _ = m.enqueue(request(2), now: start)  // starts a batch of 1 and 2
        _ = m.enqueue(request(3), now: start)
        _ = m.enqueue(request(4), now: start)
        #expect(!m.enqueue(request(5), now: start).admitted)
        #expect(!m.enqueue(request(6), now: start).admitted)
        #expect(m.waitingForRoom.map(\.id) == [5, 6])
        #expect(m.batchFinished(now: start) == .run([request(3), request(4)]))
        #expect(m.queued.map(\.id) == [5, 6] && m.waitingForRoom.isEmpty)
    }

    @Test("removing a cancelled request frees its place for a waiting one")
    func removalAdmitsWaiting() {
        var m = machine(queue: 1, batch: 4, delay: .seconds(10))
        _ = m.enqueue(request(1), now: start)
        _ = m.enqueue(request(2), now: start)
        #expect(m.remove(id: 9, now: start).found == false)
        let (found, action) = m.remove(id: 1, now: start)
        #expect(found)
        #expect(m.queued.map(\.id) == [2])
        #expect(action == .wake(at: start + .seconds(10)))
        #expect(m.remove(id: 2, now: start).found)
        #expect(m.queued.isEmpty && m.drain().isEmpty)
    }
}
