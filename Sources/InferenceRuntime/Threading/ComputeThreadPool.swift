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
