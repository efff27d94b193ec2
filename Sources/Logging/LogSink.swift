import Foundation
import Synchronization

/// One finished log record, ready to be written.
public struct LogRecord: Sendable {
    /// When the record was made.
    public var timestamp: Date
    /// Severity.
    public var level: LogLevel
    /// The logger's label, usually the component (`worker`, `kafka`, `postgres`).
    public var label: String
    /// The message, already masked.
    public var message: String
    /// Logger metadata merged with call-site metadata, already masked.
    public var metadata: LogMetadata
}

/// Where log records go. Implementations must be safe to call from any thread.
public protocol LogSink: Sendable {
    /// Writes one record.
    func write(_ record: LogRecord)
}

/// Writes each record as one JSON object per line to standard error.
public struct StandardErrorJSONSink: LogSink {
    public init() {}

    public func write(_ record: LogRecord) {
        var line = JSONLogEncoder.encode(record)
        line.append("\n")
        StandardErrorJSONSink.lock.withLock { _ in
            line.withUTF8 { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }

    private static let lock = Mutex(())
}

/// Keeps records in memory; for tests.
public final class MemoryLogSink: LogSink {
    private let storage = Mutex<[LogRecord]>([])

    public init() {}

    public func write(_ record: LogRecord) {
        storage.withLock { $0.append(record) }
    }

    /// Every record written so far, oldest first.
    public var records: [LogRecord] { storage.withLock { $0 } }
}
