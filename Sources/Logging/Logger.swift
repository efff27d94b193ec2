import Foundation

/// A structured logger: JSON lines, one per record, with personal data masked.
///
/// A value type: copy it and add metadata (`logger[metadata: "partition"] = 3`) to give a
/// component its context. Records below `level` are dropped before the message is built.
public struct Logger: Sendable {
    /// The component name written as `logger`.
    public var label: String
    /// The least severe level written.
    public var level: LogLevel
    /// Metadata added to every record of this logger.
    public var metadata: LogMetadata
    /// Where records go.
    public var sink: any LogSink

    /// A logger writing JSON lines to standard error.
    public init(label: String, level: LogLevel = .info, sink: any LogSink = StandardErrorJSONSink()) {
        self.label = label
        self.level = level
        self.metadata = [:]
        self.sink = sink
    }

    /// A logger that writes nothing.
    public static var disabled: Logger { Logger(label: "disabled", level: .critical, sink: DiscardingSink()) }

    /// Reads or sets one metadata value of this logger.
    public subscript(metadata key: String) -> LogValue? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// A copy of this logger with another label and the same level, metadata and sink.
    public func named(_ label: String) -> Logger {
        var copy = self
        copy.label = label
        return copy
    }

    /// Writes a record at `level` when that level is enabled.
    public func log(
        _ level: LogLevel, _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> LogMetadata = [:]
    ) {
        guard level >= self.level else { return }
        var merged = self.metadata
        for (key, value) in metadata() { merged[key] = value }
        let record = LogRecord(
            timestamp: Date(), level: level, label: label,
            message: PersonalDataMasker.mask(message()),
            metadata: PersonalDataMasker.mask(merged))
        sink.write(record)
    }

    /// Writes a `trace` record.
    public func trace(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.trace, message(), metadata())
    }

    /// Writes a `debug` record.
    public func debug(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.debug, message(), metadata())
    }

    /// Writes an `info` record.
    public func info(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.info, message(), metadata())
    }

    /// Writes a `notice` record.
    public func notice(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.notice, message(), metadata())
    }

    /// Writes a `warning` record.
    public func warning(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.warning, message(), metadata())
    }

    /// Writes an `error` record.
    public func error(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.error, message(), metadata())
    }

    /// Writes a `critical` record.
    public func critical(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> LogMetadata = [:]) {
        log(.critical, message(), metadata())
    }
}

/// Drops every record.
struct DiscardingSink: LogSink {
    func write(_ record: LogRecord) {}
}
