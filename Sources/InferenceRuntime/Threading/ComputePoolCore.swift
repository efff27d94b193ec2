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

/// The state the pool's threads share; it outlives the public pool until they have exited.
///
/// `@unchecked Sendable`: every mutable field is read and written with `lock` held, except the
/// `generation` atomic that spinning helpers poll.
final class ComputePoolCore: @unchecked Sendable {
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
