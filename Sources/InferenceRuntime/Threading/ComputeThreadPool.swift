import CInferenceKernels
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed budget of compute threads for the kernels: fork-join `parallelFor` for synchronous
/// callers, and `run` for async callers, whose job runs on a pool thread so the cooperative
/// thread pool is never blocked.
///
/// Idle threads sleep on a condition variable. Between two parallel regions of one computation
/// a helper spins for at most `spinDuration` first (a few microseconds, so the next layer's
/// region starts at once), then sleeps: an idle pool uses no CPU, which matters because
/// librdkafka and libpq share the same cores.
public final class ComputeThreadPool: Sendable {
    /// How many threads compute at once, the caller's own thread included.
    public let threadCount: Int
    /// How long a helper spins for the next region before it sleeps.
    public let spinDuration: Duration

    private let core: ComputePoolCore

    /// Creates a pool that computes on `threadCount` threads (at least 1): `threadCount - 1`
    /// helpers plus the calling thread (or the pool's job thread for `run`).
    public init(threadCount: Int, spinDuration: Duration = .microseconds(100)) {
        let count = max(1, threadCount)
        self.threadCount = count
        self.spinDuration = spinDuration
        let components = spinDuration.components
        let spinNanoseconds = max(0, components.seconds * 1_000_000_000
            + components.attoseconds / 1_000_000_000)
        core = ComputePoolCore(helperCount: count - 1, spinNanoseconds: UInt64(spinNanoseconds))
    }

    deinit { core.shutDown() }

    /// Runs `body(index)` for every index in `0..<taskCount`, spread over the pool's threads,
    /// and returns when all have finished. Tasks must write disjoint memory. Called from
    /// inside a task (a nested region), the tasks run one after another on the calling thread.
    public func parallelFor(_ taskCount: Int, _ body: @escaping (Int) -> Void) {
        guard taskCount > 0 else { return }
        if taskCount == 1 || threadCount == 1 || core.isInsideRegion {
            for index in 0..<taskCount { body(index) }
            return
        }
        core.runRegion(ParallelRegion(taskCount: taskCount, body: body))
    }

    /// Splits `0..<count` into at most `threadCount` contiguous ranges of at least `grain`
    /// elements (a multiple of `grain` except the last) and runs `body` on each in parallel.
    public func parallelRanges(_ count: Int, grain: Int = 1, _ body: @escaping (Range<Int>) -> Void) {
        let ranges = Self.split(count, parts: threadCount, grain: grain)
        parallelFor(ranges.count) { body(ranges[$0]) }
    }

    /// Splits `0..<count` into at most `parts` contiguous ranges whose lengths are multiples of
    /// `grain` (the last may be shorter), as even as that allows.
    static func split(_ count: Int, parts: Int, grain: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let grain = max(1, grain)
        let units = (count + grain - 1) / grain
        let partCount = max(1, min(parts, units))
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(partCount)
        var start = 0
        for part in 0..<partCount {
            let endUnit = units * (part + 1) / partCount
            let end = min(count, endUnit * grain)
            if end > start { ranges.append(start..<end) }
            start = end
        }
        return ranges
    }

    /// Runs `job` on the pool's job thread (jobs run one at a time, in order of arrival) and
    /// returns its result. Cancelling the calling task sets the job's `CancellationFlag`; a job
    /// cancelled before it started does not run and throws `InferenceError.cancelled`.
    public func run<Result: Sendable>(
        _ job: @escaping @Sendable (CancellationFlag) throws -> Result
    ) async throws -> Result {
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                core.enqueue {
                    if flag.isCancelled {
                        continuation.resume(
                            throwing: InferenceError(.cancelled, "cancelled before it started"))
                        return
                    }
                    continuation.resume(with: Swift.Result { try job(flag) })
                }
            }
        } onCancel: {
            flag.cancel()
        }
    }

    /// The pool's helper threads that are sleeping now (for tests and diagnostics).
    public var sleepingHelperCount: Int { core.sleepingHelperCount }
}

/// The state the pool's threads share; it outlives the public pool until they have exited.
///
/// `@unchecked Sendable`: every mutable field is read and written with `lock` held, except the
/// `generation` atomic that spinning helpers poll.
private final class ComputePoolCore: @unchecked Sendable {
    private static let workAvailable = 0
    private static let regionComplete = 1
    private static let jobAvailable = 2

    private let lock = ConditionLock(conditionCount: 3)
    private let leaderLock = ConditionLock()
    private let generation = Atomic<UInt64>(0)
    private let spinNanoseconds: UInt64
    private let regionKey: pthread_key_t

    // Guarded by `lock`.
    private var currentRegion: ParallelRegion?
    private var sleepingHelpers = 0
    private var leaderSleeping = false
    private var shuttingDown = false
    private var jobs: [@Sendable () -> Void] = []
    private var jobHead = 0

    init(helperCount: Int, spinNanoseconds: UInt64) {
        self.spinNanoseconds = spinNanoseconds
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        regionKey = key
        for index in 0..<helperCount {
            let thread = Thread { [self] in helperLoop() }
            thread.name = "compute-\(index + 1)"
            thread.start()
        }
        let jobThread = Thread { [self] in jobLoop() }
        jobThread.name = "compute-jobs"
        jobThread.start()
    }

    deinit { pthread_key_delete(regionKey) }

    /// Whether the calling thread is running a task of a region of this pool.
    var isInsideRegion: Bool { pthread_getspecific(regionKey) != nil }

    var sleepingHelperCount: Int { lock.withLock { sleepingHelpers } }

    func shutDown() {
        lock.withLock {
            shuttingDown = true
            lock.broadcast(Self.workAvailable)
            lock.broadcast(Self.jobAvailable)
        }
    }

    func enqueue(_ job: @escaping @Sendable () -> Void) {
        lock.withLock {
            jobs.append(job)
            lock.signal(Self.jobAvailable)
        }
    }

    /// Publishes `region`, takes part in it, and returns when all its tasks are done.
    func runRegion(_ region: ParallelRegion) {
        leaderLock.lock()
        defer { leaderLock.unlock() }
        lock.withLock {
            currentRegion = region
            generation.wrappingAdd(1, ordering: .releasing)
            if sleepingHelpers > 0 { lock.broadcast(Self.workAvailable) }
        }
        pthread_setspecific(regionKey, UnsafeRawPointer(bitPattern: 1))
        _ = region.participate()
        pthread_setspecific(regionKey, nil)
        if !spin(until: { region.isComplete }) {
            lock.withLock {
                while !region.isComplete {
                    leaderSleeping = true
                    lock.wait(Self.regionComplete)
                }
                leaderSleeping = false
            }
        }
        lock.withLock { if currentRegion === region { currentRegion = nil } }
    }

    private func helperLoop() {
        pthread_setspecific(regionKey, UnsafeRawPointer(bitPattern: 1))
        var seen = generation.load(ordering: .acquiring)
        while true {
            _ = spin(until: { generation.load(ordering: .acquiring) != seen })
            lock.lock()
            while generation.load(ordering: .acquiring) == seen && !shuttingDown {
                sleepingHelpers += 1
                lock.wait(Self.workAvailable)
                sleepingHelpers -= 1
            }
            if shuttingDown {
                lock.unlock()
                return
            }
            seen = generation.load(ordering: .acquiring)
            let region = currentRegion
            lock.unlock()
            if let region, region.participate() {
                lock.withLock { lock.broadcast(Self.regionComplete) }
            }
        }
    }

    private func jobLoop() {
        while true {
            lock.lock()
            while jobHead == jobs.count && !shuttingDown { lock.wait(Self.jobAvailable) }
            if jobHead == jobs.count {
                lock.unlock()
                return
            }
            let job = jobs[jobHead]
            jobHead += 1
            if jobHead == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                jobHead = 0
            }
            lock.unlock()
            job()
        }
    }

    /// Spins (with the CPU's pause hint) until `condition` holds or the spin budget is spent;
    /// returns whether the condition holds.
    private func spin(until condition: () -> Bool) -> Bool {
        if condition() { return true }
        guard spinNanoseconds > 0 else { return false }
        let deadline = Self.now() + spinNanoseconds
        while true {
            for _ in 0..<64 {
                if condition() { return true }
                cik_cpu_relax()
            }
            if Self.now() >= deadline { return condition() }
        }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
