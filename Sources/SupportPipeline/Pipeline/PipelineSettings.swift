/// How the pipeline behaves under load and failure.
public struct PipelineSettings: Sendable, Hashable {
    /// Received, unfinished records above which intake pauses (backpressure).
    public var maximumBuffered = 256
    /// Messages processed at once (each a different conversation); more wait for a slot.
    public var concurrency = 64
    /// Attempts for a message whose processing fails with a non-retriable error before it is
    /// handed to a human (`processing_error`). Outages (database or broker unavailable) are
    /// retried until they end, with backoff, while the partition's offset stays put.
    public var maximumAttempts = 3
    /// Attempts for a message whose processing keeps failing with a retriable error that is
    /// not an outage (statement timeout, deadlock, serialization failure) before it is handed
    /// to a human, so such a message cannot hold up its conversation forever.
    public var maximumTransientAttempts = 10
    /// First retry delay; doubles up to `maximumBackoff`.
    public var initialBackoff: Duration = .milliseconds(100)
    public var maximumBackoff: Duration = .seconds(10)
    /// Turns of transcript carried in escalations.
    public var transcriptTurns = 10
    /// Time zone for calendar days in replies (the policy's own time zone decides windows).
    public var replyTimeZone = "Asia/Shanghai"
    /// How long a revoked partition's running records may take to finish.
    public var revokeTimeout: Duration = .seconds(20)
    /// The shop's own order-reference shapes; matches are order references besides those the
    /// analyzer finds.
    public var orderReferencePattern: OrderReferencePattern?

    public init() {}
}
