import Synchronization

/// One fork-join region of `ComputeThreadPool.parallelFor`: tasks `0..<taskCount`, claimed one
/// at a time by whichever threads take part.
///
/// `@unchecked Sendable`: `body` is only called for claimed indices, each index is claimed by
/// exactly one thread (atomic counter), and the leader does not return before every claimed
/// task has completed, so the body's captures outlive all calls.
final class ParallelRegion: @unchecked Sendable {
    let taskCount: Int
    private let body: (Int) -> Void
    private let nextTask = Atomic<Int>(0)
    private let completedTasks = Atomic<Int>(0)

    init(taskCount: Int, body: @escaping (Int) -> Void) {
        self.taskCount = taskCount
        self.body = body
    }

    /// Whether every task has finished.
    var isComplete: Bool { completedTasks.load(ordering: .acquiring) == taskCount }

    /// Claims and runs tasks until none is left; returns true when this thread finished the
    /// last task of the region.
    func participate() -> Bool {
        var finishedLast = false
        while true {
            let index = nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
            if index >= taskCount { return finishedLast }
            body(index)
            let done = completedTasks.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
            if done == taskCount { finishedLast = true }
        }
    }
}
