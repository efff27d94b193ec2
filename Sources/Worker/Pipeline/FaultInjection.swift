import Foundation

/// Crash points for the crash-recovery tests, read from `SUPPORT_FAULT_INJECTION`
/// (e.g. `crash_before_commit=0.01,crash_after_commit=0.01,crash_after_publish=0.01`). At a
/// point, the process ends at once with probability p, as if killed (`_exit`, no cleanup).
///
/// `commit_offsets_on_receive` makes the worker commit each offset as soon as the record is
/// read, before it is processed — the unsafe pattern the tests must catch losing messages.
/// Never set any of this in production.
public struct FaultInjection: Sendable {
    /// Where the pipeline may crash.
    public enum Point: String, Sendable, CaseIterable {
        /// Decided, before the database transaction.
        case beforeCommit = "crash_before_commit"
        /// Committed to the database, before publishing.
        case afterCommit = "crash_after_commit"
        /// Published and acknowledged, before the offset is stored.
        case afterPublish = "crash_after_publish"
    }

    public var probabilities: [Point: Double] = [:]
    public var commitOffsetsOnReceive = false

    public init() {}

    /// Reads `SUPPORT_FAULT_INJECTION`; nil when unset.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> FaultInjection?
    {
        guard let text = environment["SUPPORT_FAULT_INJECTION"], !text.isEmpty else { return nil }
        var faults = FaultInjection()
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            if parts[0] == "commit_offsets_on_receive" {
                faults.commitOffsetsOnReceive = true
            } else if let point = Point(rawValue: parts[0]), parts.count == 2, let p = Double(parts[1]), (0...1).contains(p) {
                faults.probabilities[point] = p
            } else {
                throw WorkerStartError(message: "SUPPORT_FAULT_INJECTION: cannot use \"\(item)\"")
            }
        }
        return faults
    }

    /// Ends the process at `point` with its probability.
    public func maybeCrash(at point: Point) {
        guard let p = probabilities[point], p > 0, Double.random(in: 0..<1) < p else { return }
        FileHandle.standardError.write(Data("fault injection: crashing at \(point.rawValue)\n".utf8))
        _exit(86)
    }
}
