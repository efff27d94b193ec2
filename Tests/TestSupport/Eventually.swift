import Foundation

/// Waits for a condition instead of a fixed time: checks `condition` every `interval` until it
/// holds or the waiter has been awake for `timeout` (generous: the machine may be busy).
/// Returns whether it held.
///
/// Time the waiting task could not run does not count. Tests share the cooperative pool (one
/// thread per core), and a stall there — CPU-bound tests, a loaded machine — also stalls the
/// work the condition waits for; a wall-clock deadline would expire during the stall and fail
/// a correct feature. Each check therefore charges at most `interval` plus one second, so a
/// stall costs one second of the budget. A broken feature still fails: after `timeout` of
/// awake time, and in any case once four times `timeout` have passed on the wall clock.
public func eventually(
    timeout: Duration = .seconds(120), interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let wallDeadline = clock.now + timeout * 4
    let maximumCharge = interval + .seconds(1)
    var charged = Duration.zero
    var last = clock.now
    while true {
        if try await condition() { return true }
        let now = clock.now
        charged += min(now - last, maximumCharge)
        last = now
        guard charged < timeout, now < wallDeadline else { return false }
        try? await Task.sleep(for: interval)
    }
}

/// Runs CPU-bound test work on a thread of its own and returns its result.
///
/// Swift Testing runs tests on the cooperative pool, which has one thread per core: two long
/// computations there (a parity run over every fixture, thousands of generated cases) stop every
/// other test for their whole duration — their waits, timers and the tasks that serve Kafka
/// and PostgreSQL. Heavy test bodies go through this instead.
public func offCooperativePool<T: Sendable>(
    _ body: @escaping @Sendable () throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.name = "test-compute"
        thread.stackSize = 8 << 20
        thread.start()
    }
}
