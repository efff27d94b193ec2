import CInferenceKernels
import ModelFormats

/// A weight matrix of `rows` outputs × `columns` inputs kept in its GGML storage type (for GGUF
/// weights, the memory-mapped bytes themselves), multiplied by activations with dequantizing
/// dot products: y[t, r] = Σⱼ W[r, j]·x[t, j].
///
/// Q8_0, Q4_0, Q4_1, Q5_0 and Q5_1 rows are multiplied in 8-bit integers against activations
/// quantized per 32-value block (as ggml does); F32 and F16 in float; BF16 and the k-quants
/// Q4_K, Q5_K, Q6_K by dequantizing one row at a time into a buffer that stays in L1 (with
/// AVX2 kernels for the k-quants) and taking float dot products with it.
public struct QuantizedMatrix: Sendable {
    /// The storage type of the weights.
    public let type: GGMLType
    /// Output features (rows of the matrix).
    public let rows: Int
    /// Input features (values per row).
    public let columns: Int
    /// Bytes of one row.
    public let rowBytes: Int
    /// The weights, row-major, `rowBytes` per row.
    public let bytes: TensorBytes

    /// The weight types products are implemented for.
    public static let supportedTypes = BlockDequantizer.supportedTypes

    /// Wraps `rows` × `columns` weights of `type` stored in `bytes`.
    public init(type: GGMLType, rows: Int, columns: Int, bytes: TensorBytes, name: String = "weight") throws {
        guard Self.supportedTypes.contains(type) else {
            throw InferenceError(
                .unsupportedTensorType, "\(name): GGML type \(type) is not supported for products")
        }
        guard rows > 0, columns > 0, columns % type.blockSize == 0 else {
            throw InferenceError(
                .shapeMismatch,
                "\(name): \(rows)×\(columns) is not a matrix of whole \(type) blocks of \(type.blockSize)")
        }
        let rowBytes = columns / type.blockSize * type.bytesPerBlock
        guard bytes.count == rows * rowBytes else {
            throw InferenceError(
                .shapeMismatch,
                "\(name): \(rows)×\(columns) \(type) needs \(rows * rowBytes) bytes, got \(bytes.count)")
        }
        self.type = type
        self.rows = rows
        self.columns = columns
        self.rowBytes = rowBytes
        self.bytes = bytes
    }

    /// Quantizes a float weight tensor of shape `(rows, columns)` to `type` (Q8_0 is the int8
    /// quantization with one scale per 32 weights; Q4_0 and Q4_1 are 4-bit).
    public init(quantizing weight: Tensor, as type: GGMLType) throws {
        guard weight.rank == 2 else {
            throw InferenceError(.shapeMismatch, "a weight matrix needs rank 2, got \(weight.shape)")
        }
        let encoded = try weight.withUnsafeBufferPointer { try BlockQuantizer.quantize($0, as: type) }
        let file = MappedFile(copying: encoded, name: "quantized \(type)")
        try self.init(
            type: type, rows: weight.shape[0], columns: weight.shape[1],
            bytes: TensorBytes(file: file, range: 0..<encoded.count))
    }

    /// How activations must be prepared for this matrix.
    public var activationFormat: ActivationFormat { ActivationFormat(weightType: type) }

    /// Writes row `row` as floats to `destination` (`columns` values).
    public func dequantizeRow(
        _ row: Int, into destination: UnsafeMutablePointer<Float>, backend: KernelBackend = .best
    ) throws {
        guard row >= 0 && row < rows else {
            throw InferenceError(.invalidArgument, "row \(row) is outside 0..<\(rows)")
        }
        dequantizeRowUnchecked(row, into: destination, backend: backend)
    }

    /// Row `row` as floats, with the AVX2 dequantizer where there is one for the type (the
    /// same bits as the portable one). The type and shape were checked at initialization.
    @inline(__always)
    func dequantizeRowUnchecked(_ row: Int, into destination: UnsafeMutablePointer<Float>, backend: KernelBackend) {
        #if arch(x86_64)
        if backend == .avx2, let format = Self.avx2DequantizeFormat(type),
            cik_dequantize_avx2(format, rowPointer(row), columns, destination) == 0
        {
            return
        }
        #endif
        try? BlockDequantizer.dequantize(type, from: rowPointer(row), count: columns, into: destination)
    }

    #if arch(x86_64)
    static func avx2DequantizeFormat(_ type: GGMLType) -> cik_dequantize_format? {
        switch type {
        case .q5_0: CIK_DEQUANTIZE_Q5_0
        case .q5_1: CIK_DEQUANTIZE_Q5_1
        case .q4_K: CIK_DEQUANTIZE_Q4_K
        case .q5_K: CIK_DEQUANTIZE_Q5_K
        case .q6_K: CIK_DEQUANTIZE_Q6_K
        default: nil
        }
    }
    #endif

    /// Row `row` as floats.
    public func dequantizedRow(_ row: Int) throws -> [Float] {
        var values = [Float](repeating: 0, count: columns)
        try values.withUnsafeMutableBufferPointer { try dequantizeRow(row, into: $0.baseAddress!) }
        return values
    }

    /// The whole matrix as a float tensor of shape `(rows, columns)`.
    public func dequantized() throws -> Tensor {
        var values = [Float](repeating: 0, count: rows * columns)
        try values.withUnsafeMutableBufferPointer { buffer in
            try BlockDequantizer.dequantize(
                type, from: bytes.unsafeBytes.baseAddress!, count: rows * columns,
                into: buffer.baseAddress!)
        }
        return Tensor(uncheckedShape: [rows, columns], scalars: values)
    }

    @inline(__always)
    func rowPointer(_ row: Int) -> UnsafeRawPointer {
        bytes.unsafeBytes.baseAddress! + row * rowBytes
    }

    /// y[t·outputStride + r] = Σⱼ W[r, j]·x[t, j] for the rows in `rowRange` and every
    /// activation row t, on the calling thread. `x` must be in `activationFormat`.
    public func multiply(
        _ x: QuantizedActivations, rows rowRange: Range<Int>,
        into y: UnsafeMutablePointer<Float>, outputStride: Int, backend: KernelBackend = .best
    ) throws {
        try checkCompatible(x)
        guard rowRange.lowerBound >= 0 && rowRange.upperBound <= rows else {
            throw InferenceError(.invalidArgument, "rows \(rowRange) are outside 0..<\(rows)")
        }
        multiplyUnchecked(x, rows: rowRange, into: y, outputStride: outputStride, backend: backend)
    }

    /// Throws unless `x` has this matrix's columns and activation format.
    func checkCompatible(_ x: QuantizedActivations) throws {
        guard x.columns == columns && x.format == activationFormat else {
            throw InferenceError(
                .shapeMismatch,
                "activations of \(x.columns) columns in \(x.format) do not fit a \(rows)×\(columns) \(type) matrix")
        }
    }

    func multiplyUnchecked(
        _ x: QuantizedActivations, rows rowRange: Range<Int>,
        into y: UnsafeMutablePointer<Float>, outputStride: Int, backend: KernelBackend
    ) {
        guard !rowRange.isEmpty, x.rows > 0 else { return }
        let tokens = x.rows
        let xBase = x.row(0)
        switch type {
        case .q8_0, .q4_0, .q4_1, .q5_0, .q5_1:
            #if arch(x86_64)
            if backend == .avx2 {
                let format: cik_weight_format = switch type {
                case .q8_0: CIK_WEIGHT_Q8_0
                case .q4_0: CIK_WEIGHT_Q4_0
                case .q4_1: CIK_WEIGHT_Q4_1
                case .q5_0: CIK_WEIGHT_Q5_0
                default: CIK_WEIGHT_Q5_1
                }
                cik_matmul_quantized_avx2(
                    format, columns, bytes.unsafeBytes.baseAddress!, rowBytes, xBase, x.rowBytes,
                    tokens, rowRange.lowerBound, rowRange.upperBound, y, outputStride)
                return
            }
            #endif
            let dot: (Int, UnsafeRawPointer, UnsafeRawPointer) -> Float
            switch type {
            case .q8_0: dot = PortableQuantizedKernels.dotQ8_0
            case .q4_0: dot = PortableQuantizedKernels.dotQ4_0
            case .q4_1: dot = PortableQuantizedKernels.dotQ4_1
            case .q5_0: dot = PortableQuantizedKernels.dotQ5_0
            default: dot = PortableQuantizedKernels.dotQ5_1
            }
            for r in rowRange {
                let w = rowPointer(r)
                for t in 0..<tokens { y[t * outputStride + r] = dot(columns, w, x.row(t)) }
            }
        case .f32:
            for r in rowRange {
                let w = rowPointer(r).assumingMemoryBound(to: Float.self)
                for t in 0..<tokens {
                    let xt = x.row(t).assumingMemoryBound(to: Float.self)
                    y[t * outputStride + r] = VectorMath.dot(w, xt, count: columns, backend: backend)
                }
            }
        case .f16:
            for r in rowRange {
                let w = rowPointer(r)
                for t in 0..<tokens {
                    let xt = x.row(t).assumingMemoryBound(to: Float.self)
                    y[t * outputStride + r] = f16Dot(w, xt, backend: backend)
                }
            }
        default:
            // Formats without a direct kernel: dequantize each row once, then float dots.
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: columns)
            defer { scratch.deallocate() }
            for r in rowRange {
                dequantizeRowUnchecked(r, into: scratch, backend: backend)
                for t in 0..<tokens {
                    let xt = x.row(t).assumingMemoryBound(to: Float.self)
                    y[t * outputStride + r] = VectorMath.dot(scratch, xt, count: columns, backend: backend)
                }
            }
        }
    }

    @inline(__always)
    private func f16Dot(_ w: UnsafeRawPointer, _ x: UnsafePointer<Float>, backend: KernelBackend) -> Float {
        #if arch(x86_64)
        if backend == .avx2 {
            return cik_dot_f16_f32_avx2(columns, w.assumingMemoryBound(to: UInt16.self), x)
        }
        #endif
        return PortableQuantizedKernels.dotF16(columns, w, x)
    }

    /// y = x · Wᵀ for `tokens` rows of floats (`inputStride` apart), spread over the pool:
    /// quantizes the activations once, then splits the matrix rows between threads.
    public func multiply(
        _ x: UnsafePointer<Float>, tokens: Int, inputStride: Int? = nil,
        into y: UnsafeMutablePointer<Float>, outputStride: Int? = nil,
        pool: ComputeThreadPool? = nil, backend: KernelBackend = .best
    ) throws {
        let activations = try QuantizedActivations(
            x, rows: tokens, columns: columns, stride: inputStride, format: activationFormat,
            backend: backend)
        Self.multiply(
            [try QuantizedProduct(matrix: self, activations: activations, output: y,
                                  outputStride: outputStride ?? rows)],
            pool: pool, backend: backend)
    }

    /// Runs several products in one parallel region (e.g. Q, K and V of a layer), each matrix
    /// split into row chunks claimed by the pool's threads.
    public static func multiply(
        _ products: [QuantizedProduct], pool: ComputeThreadPool?, backend: KernelBackend = .best
    ) {
        let threads = pool?.threadCount ?? 1
        var chunks: [(product: Int, rows: Range<Int>)] = []
        for (index, product) in products.enumerated() {
            let rows = product.matrix.rows
            let work = rows * product.matrix.columns * max(1, product.activations.rows)
            let parts = threads == 1 || work < 32 * 1024 ? 1 : min(threads * 4, max(1, rows / 16))
            for range in ComputeThreadPool.split(rows, parts: parts, grain: 4) {
                chunks.append((index, range))
            }
        }
        let body: (Int) -> Void = { chunk in
            let (index, rows) = chunks[chunk]
            let product = products[index]
            product.matrix.multiplyUnchecked(
                product.activations, rows: rows, into: product.output,
                outputStride: product.outputStride, backend: backend)
        }
        if let pool { pool.parallelFor(chunks.count, body) } else {
            for chunk in chunks.indices { body(chunk) }
        }
    }
}
