import ModelFormats
import Testing
@testable import InferenceRuntime

@Suite("Block quantization and dequantizing products")
struct QuantizationTests {
    static let formats: [GGMLType] = [.q8_0, .q4_0, .q4_1]

    static func half(_ value: Float) -> [UInt8] {
        let bits = HalfPrecision.bits(from: value)
        return [UInt8(bits & 0xFF), UInt8(bits >> 8)]
    }

    static func dequantize(_ type: GGMLType, _ bytes: [UInt8], count: Int) throws -> [Float] {
        var values = [Float](repeating: .nan, count: count)
        try bytes.withUnsafeBytes { raw in
            try values.withUnsafeMutableBufferPointer {
                try BlockDequantizer.dequantize(type, from: raw.baseAddress!, count: count, into: $0.baseAddress!)
            }
        }
        return values
    }

    @Test("dequantizes hand-built blocks of every 32-value format as the GGML layouts define")
    func dequantizesHandBuiltBlocks() throws {
        let q = (0..<32).map { Int8($0 - 16) }
        let q8 = Self.half(0.5) + q.map { UInt8(bitPattern: $0) }
        #expect(try Self.dequantize(.q8_0, q8, count: 32) == q.map { 0.5 * Float($0) })

        let nibbles = (0..<16).map { UInt8($0) | UInt8(15 - $0) << 4 }
        let low = (0..<16).map { Float($0) }, high = (0..<16).map { Float(15 - $0) }
        #expect(try Self.dequantize(.q4_0, Self.half(2) + nibbles, count: 32)
                == (low + high).map { 2 * ($0 - 8) })
        #expect(try Self.dequantize(.q4_1, Self.half(0.25) + Self.half(-1) + nibbles, count: 32)
                == (low + high).map { 0.25 * $0 - 1 })

        // Q5: the fifth bit of value j is bit j of qh; here set for values 0 and 17.
        let qh: UInt32 = (1 << 0) | (1 << 17)
        let qhBytes = (0..<4).map { UInt8((qh >> (8 * $0)) & 0xFF) }
        var five = low + high
        five[0] += 16
        five[17] += 16
        #expect(try Self.dequantize(.q5_0, Self.half(1) + qhBytes + nibbles, count: 32) == five.map { $0 - 16 })
        #expect(try Self.dequantize(.q5_1, Self.half(1) + Self.half(3) + qhBytes + nibbles, count: 32)
                == five.map { $0 + 3 })

        #expect(try Self.dequantize(.f16, Self.half(-2.5) + Self.half(65504), count: 2) == [-2.5, 65504])
        #expect(try Self.dequantize(.bf16, [0x80, 0x3F], count: 1) == [1.0])
    }

    @Test("dequantizes hand-built k-quant super-blocks (Q4_K, Q5_K, Q6_K)")
    func dequantizesKQuants() throws {
        // Q4_K: sub-block scales s_j = j + 1, minimums m_j = 2j (6 bits each, packed in 12 bytes).
        let scales: [UInt8] = (0..<8).map { UInt8($0 + 1) }
        let minimums: [UInt8] = (0..<8).map { UInt8(2 * $0) }
        var packed = [UInt8](repeating: 0, count: 12)
        for j in 0..<4 {
            let highScale: UInt8 = (scales[j + 4] >> 4) << 6
            let highMinimum: UInt8 = (minimums[j + 4] >> 4) << 6
            packed[j] = scales[j] | highScale
            packed[j + 4] = minimums[j] | highMinimum
            packed[j + 8] = (scales[j + 4] & 0x0F) | ((minimums[j + 4] & 0x0F) << 4)
        }
        let qs: [UInt8] = (0..<128).map { (i: Int) -> UInt8 in UInt8(i % 16) | (UInt8((i / 8) % 16) << 4) }
        let header: [UInt8] = Self.half(0.5) + Self.half(0.25) + packed
        let values4 = try Self.dequantize(.q4_K, header + qs, count: 256)
        func subBlock(_ index: Int, _ q: Float) -> Float {
            0.5 * Float(scales[index]) * q - 0.25 * Float(minimums[index])
        }
        var expected4: [Float] = []
        for chunk in 0..<4 {
            let bytes = Array(qs[(32 * chunk)..<(32 * chunk + 32)])
            expected4 += bytes.map { subBlock(2 * chunk, Float($0 & 0x0F)) }
            expected4 += bytes.map { subBlock(2 * chunk + 1, Float($0 >> 4)) }
        }
        #expect(values4 == expected4)

        // Q5_K: the same plus a fifth bit; qh[l] bit 2c is value l of chunk c's low half.
        let qh: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 * 37) }
        let values5 = try Self.dequantize(.q5_K, header + qh + qs, count: 256)
        var expected5: [Float] = []
        for chunk in 0..<4 {
            let bytes = Array(qs[(32 * chunk)..<(32 * chunk + 32)])
            for l in 0..<32 {
                let high: Float = qh[l] & (1 << (2 * chunk)) != 0 ? 16 : 0
                expected5.append(subBlock(2 * chunk, Float(bytes[l] & 0x0F) + high))
            }
            for l in 0..<32 {
                let high: Float = qh[l] & (2 << (2 * chunk)) != 0 ? 16 : 0
                expected5.append(subBlock(2 * chunk + 1, Float(bytes[l] >> 4) + high))
            }
        }
        #expect(values5 == expected5)

        // Q6_K: value i of each 128-half: low 4 bits from ql, high 2 bits from qh, minus 32,
        // times d · scale of its 16-value sub-block.
        let ql: [UInt8] = (0..<128).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        let qh6: [UInt8] = (0..<64).map { UInt8(truncatingIfNeeded: $0 * 13 + 1) }
        let sc: [Int8] = (0..<16).map { Int8($0 - 8) }
        let q6k: [UInt8] = ql + qh6 + sc.map { UInt8(bitPattern: $0) } + Self.half(0.125)
        let values6 = try Self.dequantize(.q6_K, q6k, count: 256)
        var expected6 = [Float](repeating: 0, count: 256)
        for half in 0..<2 {
            for l in 0..<32 {
                let first = ql[64 * half + l], second = ql[64 * half + l + 32]
                let lowBits: [UInt8] = [first & 0x0F, second & 0x0F, first >> 4, second >> 4]
                let h = qh6[32 * half + l]
                for part in 0..<4 {
                    let highBits: UInt8 = ((h >> UInt8(2 * part)) & 3) << 4
                    let q = Int(lowBits[part] | highBits) - 32
                    let scale = Float(sc[8 * half + l / 16 + 2 * part])
                    expected6[128 * half + 32 * part + l] = 0.125 * scale * Float(q)
                }
            }
        }
        #expect(values6 == expected6)
    }

    @Test("round-trips random weights through each format within its step size", arguments: formats)
    func roundTrip(type: GGMLType) throws {
        var random = TestRandom(seed: 6)
        let values = random.floats(32 * 40, -3, 2)
        let bytes = try BlockQuantizer.quantize(values, as: type)
        #expect(bytes.count == 40 * type.bytesPerBlock)
        let restored = try Self.dequantize(type, bytes, count: values.count)
        for block in 0..<40 {
            let slice = values[(32 * block)..<(32 * block + 32)]
            let range = slice.max()! - slice.min()!
            let step: Float = type == .q8_0 ? 2 * slice.map(abs).max()! / 254 : range / 15 * 1.2
            for index in slice.indices {
                #expect(abs(restored[index] - values[index]) <= step * 0.51 + 1e-3, "\(type) value \(index)")
            }
        }
    }

    @Test("multiplies quantized matrices like the dequantized floats, on both backends, over threads",
          arguments: formats + [.f32, .f16])
    func productsMatchDequantizedFloats(type: GGMLType) throws {
        var random = TestRandom(seed: 7)
        let rows = 70, columns = 96, tokens = 6  // 6 tokens: a tile of 4 and two single rows
        let weights = random.floats(rows * columns)
        let matrix: QuantizedMatrix
        switch type {
        case .f32, .f16:
            let bytes: [UInt8] = type == .f32
                ? weights.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
                : weights.flatMap { Self.half($0) }
            let file = MappedFile(copying: bytes, name: "test")
            matrix = try QuantizedMatrix(type: type, rows: rows, columns: columns,
                                         bytes: try TensorBytes(file: file, range: 0..<bytes.count))
        default:
            matrix = try QuantizedMatrix(quantizing: try Tensor(shape: [rows, columns], scalars: weights), as: type)
        }
        let dequantized = try matrix.dequantized()
        for tokens in [1, 5, tokens] {
            let x = random.floats(tokens * columns)
            // Reference: the dequantized weights times the exact activations, in double.
            var expected = [Float](repeating: 0, count: tokens * rows)
            for t in 0..<tokens {
                for r in 0..<rows {
                    var sum = 0.0
                    for j in 0..<columns { sum += Double(dequantized[r, j]) * Double(x[t * columns + j]) }
                    expected[t * rows + r] = Float(sum)
                }
            }
            let pool = ComputeThreadPool(threadCount: 2)
            var outputs: [[Float]] = []
            for backend in supportedBackends {
                var y = [Float](repeating: .nan, count: tokens * rows)
                try x.withUnsafeBufferPointer { xb in
                    try y.withUnsafeMutableBufferPointer { yb in
                        try matrix.multiply(xb.baseAddress!, tokens: tokens, into: yb.baseAddress!,
                                            pool: pool, backend: backend)
                    }
                }
                // 8-bit activations add at most half a step (max|x| / 254) per value.
                let tolerance: Float = matrix.activationFormat == .float32 ? 1e-4 : 0.06
                #expect(maximumDifference(y, expected) < tolerance, "\(type) on \(backend), \(tokens) tokens")
                outputs.append(y)
            }
            if outputs.count == 2 { #expect(maximumDifference(outputs[0], outputs[1]) < 1e-3) }
        }
    }

    /// A matrix of `type` from random bytes, with small finite fp16 scales where the layout has
    /// them (random bytes there could be infinities or NaNs).
    static func randomMatrix(_ type: GGMLType, rows: Int, columns: Int, random: inout TestRandom) throws -> QuantizedMatrix {
        let halfOffsets: [Int] = switch type {
        case .q5_0: [0]
        case .q5_1, .q4_K, .q5_K: [0, 2]
        case .q6_K: [208]
        default: []
        }
        let blocks = rows * columns / type.blockSize
        var bytes: [UInt8] = []
        for _ in 0..<blocks {
            var block = (0..<type.bytesPerBlock).map { _ in UInt8(random.float(0, 256)) }
            for offset in halfOffsets { block.replaceSubrange(offset..<offset + 2, with: half(random.float(-0.05, 0.05))) }
            bytes += block
        }
        let file = MappedFile(copying: bytes, name: "random \(type)")
        return try QuantizedMatrix(type: type, rows: rows, columns: columns,
                                   bytes: try TensorBytes(file: file, range: 0..<bytes.count))
    }

    @Test("the AVX2 dequantizers give the portable dequantizer's values; products (integer for Q5_0/Q5_1) agree with the floats on both backends",
          arguments: [GGMLType.q5_0, .q5_1, .q4_K, .q5_K, .q6_K])
    func avx2DequantizersMatchThePortableOne(type: GGMLType) throws {
        var random = TestRandom(seed: 11)
        let rows = 9, columns = 512
        let matrix = try Self.randomMatrix(type, rows: rows, columns: columns, random: &random)
        for r in 0..<rows {
            var portable = [Float](repeating: .nan, count: columns)
            var avx2 = [Float](repeating: .nan, count: columns)
            try portable.withUnsafeMutableBufferPointer { try matrix.dequantizeRow(r, into: $0.baseAddress!, backend: .portable) }
            try avx2.withUnsafeMutableBufferPointer { try matrix.dequantizeRow(r, into: $0.baseAddress!, backend: .best) }
            #expect(portable == avx2, "\(type) row \(r)")
            #expect(portable.allSatisfy { $0.isFinite })
        }
        let dequantized = try matrix.dequantized()
        // 6 tokens: a tile of 4 and two single rows.
        for tokens in [1, 6] {
            let x = random.floats(tokens * columns)
            var expected = [Float](repeating: 0, count: tokens * rows)
            var tolerance = [Float](repeating: 1e-3, count: tokens * rows)
            for t in 0..<tokens {
                for r in 0..<rows {
                    var sum = 0.0, bound = 0.0
                    for j in 0..<columns {
                        sum += Double(dequantized[r, j]) * Double(x[t * columns + j])
                        // 8-bit activations: at most half a step (max|x of the block| / 254) per value.
                        let block = (j / 32) * 32 + t * columns
                        let step = Double(x[block..<block + 32].map { abs($0) }.max()!) / 254
                        bound += abs(Double(dequantized[r, j])) * step
                    }
                    expected[t * rows + r] = Float(sum)
                    if matrix.activationFormat != .float32 { tolerance[t * rows + r] += Float(bound) }
                }
            }
            var outputs: [[Float]] = []
            for backend in supportedBackends {
                var y = [Float](repeating: .nan, count: tokens * rows)
                try x.withUnsafeBufferPointer { xb in
                    try y.withUnsafeMutableBufferPointer { yb in
                        try matrix.multiply(xb.baseAddress!, tokens: tokens, into: yb.baseAddress!, backend: backend)
                    }
                }
                for i in y.indices {
                    #expect(abs(y[i] - expected[i]) <= tolerance[i], "\(type) on \(backend), output \(i)")
                }
                outputs.append(y)
            }
            // Both backends sum the same integers per block.
            if outputs.count == 2 { #expect(maximumDifference(outputs[0], outputs[1]) < 1e-3, "\(type)") }
        }
    }

    @Test("quantizes activations identically on both backends")
    func activationQuantizationAgrees() throws {
        guard supportedBackends.count == 2 else { return }
        var random = TestRandom(seed: 8)
        let x = random.floats(4 * 64, -5, 5) + [Float](repeating: 0, count: 64)
        for format in [ActivationFormat.q8_0, .q8_1] {
            let quantized = try supportedBackends.map { backend in
                try x.withUnsafeBufferPointer {
                    try QuantizedActivations($0.baseAddress!, rows: 5, columns: 64, format: format, backend: backend)
                }
            }
            let bytes = quantized.map { q in
                (0..<5).flatMap { Array(UnsafeRawBufferPointer(start: q.row($0), count: q.rowBytes)) }
            }
            #expect(bytes[0] == bytes[1], "\(format)")
        }
    }

    @Test("rejects unsupported types, partial blocks and wrong byte counts")
    func rejectsMalformedMatrices() throws {
        let file = MappedFile(copying: [UInt8](repeating: 0, count: 36), name: "bad")
        let bytes = try TensorBytes(file: file, range: 0..<36)
        #expect(throws: InferenceError.self) { try QuantizedMatrix(type: .iq2_XXS, rows: 1, columns: 256, bytes: bytes) }
        #expect(throws: InferenceError.self) { try QuantizedMatrix(type: .q4_0, rows: 2, columns: 16, bytes: bytes) }
        #expect(throws: InferenceError.self) { try QuantizedMatrix(type: .q4_0, rows: 1, columns: 32, bytes: bytes) }
        #expect(throws: InferenceError.self) { try BlockQuantizer.quantize([Float](repeating: 1, count: 31), as: .q8_0) }
        #expect(throws: InferenceError.self) { try BlockQuantizer.quantize([Float](repeating: .nan, count: 32), as: .q8_0) }
        #expect(throws: InferenceError.self) { try BlockQuantizer.quantize([Float](repeating: 1, count: 32), as: .q6_K) }
        let matrix = try QuantizedMatrix(type: .q4_0, rows: 2, columns: 32,
                                         bytes: try TensorBytes(file: file, range: 0..<36))
        let activations = try [Float](repeating: 1, count: 32).withUnsafeBufferPointer {
            try QuantizedActivations($0.baseAddress!, rows: 1, columns: 32, format: .q8_1)
        }
        var y = [Float](repeating: 0, count: 2)
        #expect(throws: InferenceError.self) {
            try y.withUnsafeMutableBufferPointer {
                try matrix.multiply(activations, rows: 0..<2, into: $0.baseAddress!, outputStride: 2)
            }
        }
    }
}
