import Synchronization
import Testing
@testable import InferenceRuntime

@Suite("Compute thread pool")
struct ComputeThreadPoolTests {
    @Test("runs every task exactly once across the threads")
    func runsEveryTaskOnce() {
        let pool = ComputeThreadPool(threadCount: 3)
        for taskCount in [1, 2, 3, 7, 100, 1000] {
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: taskCount)
            counts.initialize(repeating: 0, count: taskCount)
            defer { counts.deallocate() }
            pool.parallelFor(taskCount) { counts[$0] += 1 }
            #expect((0..<taskCount).allSatisfy { counts[$0] == 1 }, "task count \(taskCount)")
        }
    }

    @Test("runs a nested parallel region inline instead of deadlocking")
    func nestedRegionsRunInline() {
        let pool = ComputeThreadPool(threadCount: 2)
        let total = Atomic<Int>(0)
        pool.parallelFor(4) { _ in
            pool.parallelFor(5) { _ in total.wrappingAdd(1, ordering: .relaxed) }
        }
        #expect(total.load(ordering: .relaxed) == 20)
    }

    @Test("splits a range into even parts that are multiples of the grain")
    func splitsRanges() {
        let ranges = ComputeThreadPool.split(100, parts: 3, grain: 6)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 100)
        #expect(ranges.count == 3)
        #expect(ranges.dropLast().allSatisfy { $0.count % 6 == 0 })
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(ComputeThreadPool.split(0, parts: 4, grain: 1).isEmpty)
        #expect(ComputeThreadPool.split(3, parts: 8, grain: 1).count == 3)
    }

    @Test("runs async jobs on a pool thread and returns their results")
    func runsAsyncJobs() async throws {
        let pool = ComputeThreadPool(threadCount: 2)
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for value in 0..<8 {
                group.addTask {
                    try await pool.run { _ in
                        let sum = Atomic<Int>(0)
                        pool.parallelFor(10) { sum.wrappingAdd($0 + value, ordering: .relaxed) }
                        return sum.load(ordering: .relaxed)
                    }
                }
            }
            var all: [Int] = []
            for try await result in group { all.append(result) }
            return all.sorted()
        }
        #expect(results == (0..<8).map { 45 + 10 * $0 })
    }

    @Test("passes errors thrown by a job to the caller")
    func propagatesErrors() async {
        let pool = ComputeThreadPool(threadCount: 1)
        await #expect(throws: InferenceError(.invalidArgument, "bad")) {
            try await pool.run { _ in throw InferenceError(.invalidArgument, "bad") }
        }
    }

    @Test("cancelling the caller sets the running job's cancellation flag")
    func cancellationReachesTheJob() async throws {
        let pool = ComputeThreadPool(threadCount: 1)
        let started = Atomic<Bool>(false)
        let task = Task {
            try await pool.run { flag -> Int in
                started.store(true, ordering: .releasing)
                var spins = 0
                while !flag.isCancelled && spins < 2_000_000_000 { spins += 1 }
                try flag.check()
                return spins
            }
        }
        while !started.load(ordering: .acquiring) { await Task.yield() }
        task.cancel()
        await #expect(throws: InferenceError.self) { try await task.value }
    }

    @Test("idle helper threads go to sleep")
    func idleHelpersSleep() async throws {
        let pool = ComputeThreadPool(threadCount: 3, spinDuration: .microseconds(50))
        pool.parallelFor(6) { _ in }
        // Sleeping is observable: wait (bounded) until both helpers sit on their condition.
        var polls = 0
        while pool.sleepingHelperCount < 2 && polls < 5000 {
            try await Task.sleep(for: .milliseconds(1))
            polls += 1
        }
        #expect(pool.sleepingHelperCount == 2)
    }
}
