import CInferenceKernels
import ModelFormats

/// Rows of activations prepared once for products with block-quantized weights (quantized to
/// 8 bits per 32-value block, or kept as floats), so that several matrices sharing an input
/// (Q, K and V; gate and up) quantize it only once.
public struct QuantizedActivations: @unchecked Sendable {
    // @unchecked Sendable: the storage is written only during init, read-only afterwards.

    /// The format of the rows.
    public let format: ActivationFormat
    /// Number of rows (tokens).
    public let rows: Int
    /// Values per row.
    public let columns: Int
    /// Bytes from one row to the next.
    public let rowBytes: Int
    let storage: AlignedFloatBuffer

    /// Prepares `rows` rows of `columns` floats (`stride` floats apart) in `format`; quantized
    /// formats need `columns` to be a multiple of 32.
    public init(
        _ x: UnsafePointer<Float>, rows: Int, columns: Int, stride: Int? = nil,
        format: ActivationFormat, backend: KernelBackend = .best
    ) throws {
        if (format == .q8_0 || format == .q8_1) && columns % 32 != 0 {
            throw InferenceError(
                .shapeMismatch, "quantized activations need a multiple of 32 columns, got \(columns)")
        }
        self.format = format
        self.rows = rows
        self.columns = columns
        let rowBytes = format.rowBytes(columns: columns)
        self.rowBytes = rowBytes
        storage = AlignedFloatBuffer(count: (rowBytes * rows + 3) / 4)
        let stride = stride ?? columns
        let base = UnsafeMutableRawPointer(storage.baseAddress)
        for row in 0..<rows {
            let source = x + row * stride
            let target = base + row * rowBytes
            switch format {
            case .float32:
                target.copyMemory(from: source, byteCount: columns * 4)
            case .float16:
                let values = target.assumingMemoryBound(to: Float.self)
                for j in 0..<columns {
                    values[j] = HalfPrecision.float(fromBits: HalfPrecision.bits(from: source[j]))
                }
            case .q8_0, .q8_1:
                Self.quantize(source, columns: columns, into: target, withSums: format == .q8_1,
                              backend: backend)
            }
        }
    }

    /// The first byte of row `row`.
    func row(_ row: Int) -> UnsafeRawPointer {
        UnsafeRawPointer(storage.baseAddress) + row * rowBytes
    }

    /// Quantizes one row into Q8_0 (or Q8_1 with `withSums`) blocks as ggml's AVX2 path does:
    /// d = max|x| / 127, q = round-to-nearest-even(x · 127 / max|x|), d stored as f16.
    static func quantize(
        _ x: UnsafePointer<Float>, columns: Int, into target: UnsafeMutableRawPointer,
        withSums: Bool, backend: KernelBackend
    ) {
        #if arch(x86_64)
        if backend == .avx2 {
            if withSums {
                cik_quantize_q8_1_avx2(x, target, columns)
            } else {
                cik_quantize_q8_0_avx2(x, target, columns)
            }
            return
        }
        #endif
        let blockBytes = withSums ? 36 : 34
        let header = withSums ? 4 : 2
        for block in 0..<(columns / 32) {
            let values = x + block * 32
            let out = target + block * blockBytes
            var maximum: Float = 0
            for j in 0..<32 { maximum = max(maximum, abs(values[j])) }
            let d = maximum / 127
            let inverse: Float = maximum != 0 ? 127 / maximum : 0
            var sum = 0
            for j in 0..<32 {
                let scaled = (values[j] * inverse).rounded(.toNearestOrEven)
                // Non-finite inputs (a diverged model) quantize to 0 instead of trapping.
                let q = scaled.isNaN ? 0 : Int(max(-127, min(127, scaled)))
                sum += q
                out.storeBytes(of: Int8(q), toByteOffset: header + j, as: Int8.self)
            }
            out.storeBytes(of: HalfPrecision.bits(from: d), as: UInt16.self)
            if withSums {
                out.storeBytes(
                    of: HalfPrecision.bits(from: d * Float(sum)), toByteOffset: 2, as: UInt16.self)
            }
        }
    }
}
