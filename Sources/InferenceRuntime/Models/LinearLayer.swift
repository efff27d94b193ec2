import ModelFormats

/// A dense layer y = x·Wᵀ + b whose weight is either packed fp32 (`PackedMatrix`) or block-
/// quantized (`QuantizedMatrix`, e.g. the int8 Q8_0 form of an fp32 checkpoint).
public struct LinearLayer: Sendable {
    /// How the weight is stored.
    public enum Weight: Sendable {
        /// fp32, packed for the GEMM.
        case packed(PackedMatrix)
        /// GGML blocks, multiplied with dequantizing dot products.
        case quantized(QuantizedMatrix)
    }

    /// The weight.
    public let weight: Weight
    /// The bias, one value per output, if any.
    public let bias: [Float]?
    /// Input features.
    public let inputs: Int
    /// Output features.
    public let outputs: Int

    /// Wraps a weight and an optional bias of `outputs` values.
    public init(weight: Weight, bias: [Float]?) throws {
        switch weight {
        case .packed(let matrix):
            inputs = matrix.depth
            outputs = matrix.columns
        case .quantized(let matrix):
            inputs = matrix.columns
            outputs = matrix.rows
        }
        if let bias, bias.count != outputs {
            throw InferenceError(.shapeMismatch, "bias has \(bias.count) values for \(outputs) outputs")
        }
        self.weight = weight
        self.bias = bias
    }

    /// A layer from a float weight of shape `(outputs, inputs)`, packed as fp32 or quantized
    /// to `quantization` (Q8_0, Q4_0 or Q4_1).
    public init(weight: Tensor, bias: [Float]?, quantization: GGMLType? = nil) throws {
        try self.init(weight: weight, bias: bias, quantization: quantization, slot: nil)
    }

    /// A layer whose packed fp32 weight goes into `slot` of the model's arena.
    init(weight: Tensor, bias: [Float]?, quantization: GGMLType?, slot: PackedWeightArena.Slot?) throws {
        if let quantization {
            try self.init(weight: .quantized(try QuantizedMatrix(quantizing: weight, as: quantization)), bias: bias)
        } else {
            try self.init(weight: .packed(try PackedMatrix(weight: weight, slot: slot)), bias: bias)
        }
    }

    /// y (rows × outputs, `outputStride` apart) = x (rows × inputs, `inputStride` apart)·Wᵀ + b,
    /// added to y when `accumulate`.
    public func apply(
        _ x: UnsafePointer<Float>, rows: Int, inputStride: Int? = nil,
        into y: UnsafeMutablePointer<Float>, outputStride: Int? = nil, accumulate: Bool = false,
        pool: ComputeThreadPool?, backend: KernelBackend = .best
    ) throws {
        let inputStride = inputStride ?? inputs
        let outputStride = outputStride ?? outputs
        switch weight {
        case .packed(let matrix):
            func run(_ biasPointer: UnsafePointer<Float>?) {
                MatrixMultiplication.multiply(
                    x, rows: rows, aStride: inputStride, by: matrix, into: y,
                    cStride: outputStride, bias: biasPointer, accumulate: accumulate, pool: pool,
                    backend: backend)
            }
            if let bias { bias.withUnsafeBufferPointer { run($0.baseAddress) } } else { run(nil) }
        case .quantized(let matrix):
            if accumulate {
                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: rows * outputs)
                defer { scratch.deallocate() }
                try matrix.multiply(x, tokens: rows, inputStride: inputStride, into: scratch,
                                    outputStride: outputs, pool: pool, backend: backend)
                for r in 0..<rows {
                    for j in 0..<outputs { y[r * outputStride + j] += scratch[r * outputs + j] + (bias?[j] ?? 0) }
                }
            } else {
                try matrix.multiply(x, tokens: rows, inputStride: inputStride, into: y,
                                    outputStride: outputStride, pool: pool, backend: backend)
                if let bias {
                    for r in 0..<rows { for j in 0..<outputs { y[r * outputStride + j] += bias[j] } }
                }
            }
        }
    }
}
