import ModelFormats

/// Writes small GGUF files byte by byte, so tests can make valid and malformed files.
struct GGUFBuilder {
    var version: UInt32 = 3
    var metadata: [(String, GGUFValue)] = []
    var tensors: [(name: String, dimensions: [Int], type: GGMLType, data: [UInt8])] = []
    var alignment = 32
    /// Type ids written instead of the tensor's type, by tensor name (to make unknown types).
    var typeIDOverrides: [String: UInt32] = [:]

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        append(UInt32(0x4655_4747), to: &out)
        append(version, to: &out)
        append(UInt64(tensors.count), to: &out)
        append(UInt64(metadata.count), to: &out)
        for (key, value) in metadata {
            appendString(key, to: &out)
            append(value.type.rawValue, to: &out)
            appendValue(value, to: &out)
        }
        var offset = 0
        var offsets: [Int] = []
        for tensor in tensors {
            offsets.append(offset)
            offset += tensor.data.count
            offset += (alignment - offset % alignment) % alignment
        }
        for (index, tensor) in tensors.enumerated() {
            appendString(tensor.name, to: &out)
            append(UInt32(tensor.dimensions.count), to: &out)
            for dimension in tensor.dimensions { append(UInt64(dimension), to: &out) }
            append(typeIDOverrides[tensor.name] ?? tensor.type.rawValue, to: &out)
            append(UInt64(offsets[index]), to: &out)
        }
        while out.count % alignment != 0 { out.append(0) }
        let dataStart = out.count
        for (index, tensor) in tensors.enumerated() {
            while out.count < dataStart + offsets[index] { out.append(0) }
            out.append(contentsOf: tensor.data)
        }
        return out
    }

    private func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private func appendString(_ string: String, to out: inout [UInt8]) {
        append(UInt64(string.utf8.count), to: &out)
        out.append(contentsOf: string.utf8)
    }

    private func appendValue(_ value: GGUFValue, to out: inout [UInt8]) {
        switch value {
        case .uint8(let v): append(v, to: &out)
        case .int8(let v): append(v, to: &out)
        case .uint16(let v): append(v, to: &out)
        case .int16(let v): append(v, to: &out)
        case .uint32(let v): append(v, to: &out)
        case .int32(let v): append(v, to: &out)
        case .float32(let v): append(v.bitPattern, to: &out)
        case .bool(let v): out.append(v ? 1 : 0)
        case .string(let v): appendString(v, to: &out)
        case .uint64(let v): append(v, to: &out)
        case .int64(let v): append(v, to: &out)
        case .float64(let v): append(v.bitPattern, to: &out)
        case .array(let elementType, let values):
            append(elementType.rawValue, to: &out)
            append(UInt64(values.count), to: &out)
            for element in values { appendValue(element, to: &out) }
        }
    }
}

/// Writes small safetensors files.
struct SafetensorsBuilder {
    var header: String
    var data: [UInt8]

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        let headerBytes = Array(header.utf8)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        out.append(contentsOf: data)
        return out
    }

    /// A file with one F32 tensor `w` of shape (2, 3) holding 0...5 and one F16 tensor `b`.
    static func small() -> SafetensorsBuilder {
        var data: [UInt8] = []
        for value in 0..<6 { withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        for value: Float in [1.5, -2] {
            withUnsafeBytes(of: HalfPrecision.bits(from: value).littleEndian) { data.append(contentsOf: $0) }
        }
        let header = """
            {"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},\
            "b":{"dtype":"F16","shape":[2],"data_offsets":[24,28]}}
            """
        return SafetensorsBuilder(header: header, data: data)
    }
}

/// A small valid GGUF file with varied metadata and one Q8_0 and one F32 tensor.
func smallGGUF() -> GGUFBuilder {
    var builder = GGUFBuilder()
    builder.metadata = [
        ("general.architecture", .string("llama")),
        ("general.alignment", .uint32(32)),
        ("llama.block_count", .uint32(2)),
        ("llama.rope.freq_base", .float32(10000)),
        ("flag", .bool(true)),
        ("big", .uint64(1 << 40)),
        ("small", .int8(-3)),
        ("tokenizer.ggml.tokens", .array(elementType: .string, values: [.string("a"), .string("b")])),
        ("nested", .array(elementType: .array, values: [
            .array(elementType: .int32, values: [.int32(1), .int32(2)]),
            .array(elementType: .int32, values: []),
        ])),
    ]
    var q8: [UInt8] = [0x00, 0x3C]  // d = 1.0 as f16
    q8 += (0..<32).map { UInt8(bitPattern: Int8($0 - 16)) }
    builder.tensors = [
        ("token_embd.weight", [32, 1], .q8_0, q8),
        ("norm.weight", [4], .f32, (0..<16).map { UInt8($0) }),
    ]
    return builder
}
