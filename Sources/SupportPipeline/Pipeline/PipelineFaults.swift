/// Points in the pipeline where a test may end the process, as if it were killed: the
/// crash-recovery tests run a worker (`fault-injecting-worker`) that passes an implementation
/// to ``MessageHandler``. Production passes none.
public protocol PipelineFaults: Sendable {
    /// Called when processing reaches `point`; may end the process.
    func reached(_ point: PipelinePoint)
}

/// Where the pipeline may be interrupted.
public enum PipelinePoint: String, Sendable, CaseIterable {
    /// Decided, before the database transaction.
    case beforeCommit = "before_commit"
    /// Committed to the database (or a dead letter or hand-over recorded), before publishing.
    case afterCommit = "after_commit"
    /// Published and acknowledged, before the offset is stored.
    case afterPublish = "after_publish"
}
