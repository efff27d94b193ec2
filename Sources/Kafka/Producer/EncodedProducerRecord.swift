import CRdKafka

/// A ``ProducerRecord`` laid out for `rd_kafka_produceva`: header names and values flattened
/// into two buffers, so one scoped borrow gives librdkafka every pointer it copies from.
/// Built once per send and reused when the local queue is full and the send retries.
struct EncodedProducerRecord: Sendable {
    let topic: String
    let partition: Int32
    let key: [UInt8]?
    let value: [UInt8]
    /// Header names, each NUL-terminated, back to back.
    private let headerNames: [CChar]
    /// Header values back to back.
    private let headerValues: [UInt8]
    /// Where each header's name and value start; `valueLength` is `nil` for a header without value.
    private let headerLayout: [(nameOffset: Int, valueOffset: Int, valueLength: Int?)]

    /// librdkafka's "let the partitioner choose" (`RD_KAFKA_PARTITION_UA`).
    static let unassignedPartition: Int32 = -1

    init(_ record: ProducerRecord) throws(KafkaError) {
        guard !record.topic.isEmpty, !record.topic.utf8.contains(0) else {
            throw KafkaError(.invalidArgument, "a record needs a topic name without NUL characters")
        }
        if let partition = record.partition, partition < 0 {
            throw KafkaError(.invalidArgument, "partition \(partition) of topic \(record.topic) is negative")
        }
        var names: [CChar] = []
        var values: [UInt8] = []
        var layout: [(nameOffset: Int, valueOffset: Int, valueLength: Int?)] = []
        for header in record.headers {
            guard !header.key.utf8.contains(0) else {
                throw KafkaError(.invalidArgument, "a header name contains a NUL character")
            }
            let nameOffset = names.count
            names.append(contentsOf: header.key.utf8.map { CChar(bitPattern: $0) })
            names.append(0)
            layout.append((nameOffset, values.count, header.value?.count))
            if let value = header.value { values.append(contentsOf: value) }
        }
        // A non-empty buffer always has a base address, so an empty header value stays distinct
        // from a header without a value.
        values.append(0)
        names.append(0)
        self.topic = record.topic
        self.partition = record.partition ?? Self.unassignedPartition
        self.key = record.key
        self.value = record.value
        self.headerNames = names
        self.headerValues = values
        self.headerLayout = layout
    }

    /// What `rd_kafka_produceva` said.
    struct Outcome: Equatable {
        var code: LibrdkafkaErrorCode
        /// The producer is in a fatal state: `code` is the underlying error.
        var isFatal: Bool

        static let queued = Outcome(code: .noError, isFatal: false)
    }

    /// Hands the record to librdkafka (which copies it) tagged with `id`, returned in its
    /// delivery report.
    func produce(on handle: OpaquePointer, id: UInt64) -> Outcome {
        var sentinel: UInt8 = 0
        return withUnsafeMutableBytes(of: &sentinel) { empty in
            topic.withCString { topicName in
                withBytes(value, orEmpty: empty) { valuePointer, valueCount in
                    withOptionalBytes(key, orEmpty: empty) { keyPointer, keyCount in
                        headerNames.withUnsafeBufferPointer { names in
                            headerValues.withUnsafeBytes { values in
                                var arguments: [rd_kafka_vu_t] = []
                                arguments.reserveCapacity(6 + headerLayout.count)
                                var argument = rd_kafka_vu_t()
                                argument.vtype = RD_KAFKA_VTYPE_TOPIC
                                argument.u.cstr = topicName
                                arguments.append(argument)
                                argument = rd_kafka_vu_t()
                                argument.vtype = RD_KAFKA_VTYPE_PARTITION
                                argument.u.i32 = partition
                                arguments.append(argument)
                                argument = rd_kafka_vu_t()
                                argument.vtype = RD_KAFKA_VTYPE_MSGFLAGS
                                argument.u.i = RD_KAFKA_MSG_F_COPY
                                arguments.append(argument)
                                argument = rd_kafka_vu_t()
                                argument.vtype = RD_KAFKA_VTYPE_VALUE
                                argument.u.mem.ptr = valuePointer
                                argument.u.mem.size = valueCount
                                arguments.append(argument)
                                if let keyPointer {
                                    argument = rd_kafka_vu_t()
                                    argument.vtype = RD_KAFKA_VTYPE_KEY
                                    argument.u.mem.ptr = keyPointer
                                    argument.u.mem.size = keyCount
                                    arguments.append(argument)
                                }
                                argument = rd_kafka_vu_t()
                                argument.vtype = RD_KAFKA_VTYPE_OPAQUE
                                argument.u.ptr = UnsafeMutableRawPointer(bitPattern: UInt(id))
                                arguments.append(argument)
                                for header in headerLayout {
                                    argument = rd_kafka_vu_t()
                                    argument.vtype = RD_KAFKA_VTYPE_HEADER
                                    argument.u.header.name = names.baseAddress! + header.nameOffset
                                    if let length = header.valueLength {
                                        argument.u.header.val = UnsafeRawPointer(values.baseAddress! + header.valueOffset)
                                        argument.u.header.size = length
                                    } else {
                                        argument.u.header.val = nil
                                        argument.u.header.size = 0
                                    }
                                    arguments.append(argument)
                                }
                                guard let error = rd_kafka_produceva(handle, arguments, arguments.count) else {
                                    return .queued
                                }
                                defer { rd_kafka_error_destroy(error) }
                                return Outcome(
                                    code: LibrdkafkaErrorCode(rd_kafka_error_code(error)),
                                    isFatal: rd_kafka_error_is_fatal(error) != 0)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Lends `bytes` with a non-nil pointer even when empty, so librdkafka sees an empty value
/// rather than a null one.
private func withBytes<R>(
    _ bytes: [UInt8], orEmpty empty: UnsafeMutableRawBufferPointer,
    _ body: (UnsafeMutableRawPointer, Int) -> R
) -> R {
    if bytes.isEmpty { return body(empty.baseAddress!, 0) }
    return bytes.withUnsafeBytes { body(UnsafeMutableRawPointer(mutating: $0.baseAddress!), $0.count) }
}

/// Like ``withBytes(_:orEmpty:_:)``, with `nil` for a missing key.
private func withOptionalBytes<R>(
    _ bytes: [UInt8]?, orEmpty empty: UnsafeMutableRawBufferPointer,
    _ body: (UnsafeMutableRawPointer?, Int) -> R
) -> R {
    guard let bytes else { return body(nil, 0) }
    return withBytes(bytes, orEmpty: empty) { body($0, $1) }
}
