extension Duration {
    /// Whole milliseconds, as librdkafka's `*.ms` properties take them (rounded down, saturating).
    var librdkafkaMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? .min : .max }
        return millis.addingReportingOverflow(attoseconds / 1_000_000_000_000_000).partialValue
    }

    /// Milliseconds clamped to librdkafka's `int` timeout arguments.
    var librdkafkaTimeoutMilliseconds: Int32 { Int32(clamping: librdkafkaMilliseconds) }
}
