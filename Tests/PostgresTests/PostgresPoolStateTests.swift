import Testing

@testable import Postgres

@Suite("Pool state machine")
struct PostgresPoolStateTests {
    typealias State = PostgresPoolState<String>

    @Test("Connections open lazily up to the maximum, then callers wait")
    func opensLazilyUpToMaximum() {
        var state = State(maximumConnections: 2)
        #expect(state.idle.isEmpty && state.openingCount == 0)
        guard case .waitAndOpenConnection = state.lease(waiter: 1) else { Issue.record("expected an opening"); return }
        guard case .waitAndOpenConnection = state.lease(waiter: 2) else { Issue.record("expected an opening"); return }
        guard case .wait = state.lease(waiter: 3) else { Issue.record("expected to wait"); return }
        #expect(state.openingCount == 2 && state.waiters == [1, 2, 3])
    }

    @Test("An opened connection goes to the oldest waiter, a returned one to the next, then idle")
    func servesWaitersInOrder() {
        var state = State(maximumConnections: 1)
        _ = state.lease(waiter: 1)
        _ = state.lease(waiter: 2)
        let opened = state.connectionOpened("c1")
        #expect(opened.handOver?.connection == "c1" && opened.handOver?.waiter == 1)
        let returned = state.release("c1", reusable: true)
        #expect(returned.handOver?.waiter == 2)
        let last = state.release("c1", reusable: true)
        #expect(last.handOver == nil && last.close == nil)
        #expect(state.idle == ["c1"] && state.leasedCount == 0)
        guard case .use("c1") = state.lease(waiter: 3) else { Issue.record("expected the idle connection"); return }
        #expect(state.leasedCount == 1)
    }

    @Test("A broken connection is closed and replaced when someone waits")
    func brokenConnectionIsReplaced() {
        var state = State(maximumConnections: 1)
        _ = state.lease(waiter: 1)
        _ = state.connectionOpened("c1")
        _ = state.lease(waiter: 2)
        let action = state.release("c1", reusable: false)
        #expect(action.close == "c1" && action.openConnection && action.handOver == nil)
        #expect(state.openingCount == 1 && state.leasedCount == 0)
        let opened = state.connectionOpened("c2")
        #expect(opened.handOver?.connection == "c2" && opened.handOver?.waiter == 2)
    }

    @Test("A broken connection nobody waits for is closed without a replacement")
    func brokenConnectionWithoutWaitersIsClosed() {
        var state = State(maximumConnections: 2)
        _ = state.lease(waiter: 1)
        _ = state.connectionOpened("c1")
        let action = state.release("c1", reusable: false)
        #expect(action.close == "c1" && !action.openConnection)
        #expect(state.idle.isEmpty && state.leasedCount == 0 && state.openingCount == 0)
    }

    @Test("A failed opening fails the oldest waiter and retries for the others")
    func failedOpeningFailsOldestWaiter() {
        var state = State(maximumConnections: 1)
        _ = state.lease(waiter: 1)
        _ = state.lease(waiter: 2)
        let error = PostgresError(code: .connectionFailed, message: "refused")
        let action = state.connectionFailedToOpen(error)
        #expect(action.failWaiter?.waiter == 1 && action.failWaiter?.error.code == .connectionFailed)
        #expect(action.openConnection && state.openingCount == 1 && state.waiters == [2])
        let last = state.connectionFailedToOpen(error)
        #expect(last.failWaiter?.waiter == 2 && !last.openConnection && state.openingCount == 0)
    }

    @Test("A waiter that timed out is removed once; one already served is not")
    func removingWaiters() {
        var state = State(maximumConnections: 1)
        _ = state.lease(waiter: 1)
        _ = state.lease(waiter: 2)
        let removed = state.removeWaiter(2)
        let removedTwice = state.removeWaiter(2)
        #expect(removed && !removedTwice)
        let opened = state.connectionOpened("c1")
        #expect(opened.handOver?.waiter == 1)
        let removedServed = state.removeWaiter(1)
        #expect(!removedServed)
    }

    @Test("Closing fails waiters, closes idle connections now and others when they come back")
    func closingFinishesEverything() {
        var state = State(maximumConnections: 3)
        _ = state.lease(waiter: 1)
        _ = state.connectionOpened("c1")  // leased by 1
        _ = state.lease(waiter: 2)
        _ = state.connectionOpened("c2")  // leased by 2
        _ = state.release("c2", reusable: true)  // idle
        _ = state.lease(waiter: 3)  // takes c2
        _ = state.lease(waiter: 4)  // opens
        _ = state.lease(waiter: 5)  // waits
        _ = state.release("c2", reusable: true)  // handed to 4
        _ = state.lease(waiter: 6)  // waits; 5 and 6 queued, one opening
        let close = state.close()
        #expect(close.failWaiters == [5, 6])
        #expect(close.closeConnections.isEmpty)
        #expect(state.release("c1", reusable: true).close == "c1")
        #expect(state.connectionOpened("c3").close == "c3")
        guard case .fail(let error) = state.lease(waiter: 7) else { Issue.record("expected poolClosed"); return }
        #expect(error.code == .poolClosed)
        #expect(state.leasedCount == 1 && state.openingCount == 0)
    }
}
