import CInferenceKernels

/// The right-hand operand B (K × N) of a matrix multiply, packed once into the panel layout
/// the GEMM micro-kernels read: panels of `PackedMatrix.panelWidth` columns, each holding
/// K rows of that many contiguous floats (zero-padded past N). Model weights are packed at load
/// time; attention operands are packed per call.
public struct PackedMatrix: Sendable {
    /// Columns per panel (the micro-kernel's width).
    public static let panelWidth = Int(CIK_GEMM_NR)

    /// K: the length of each dot product (rows of B).
    public let depth: Int
    /// N: the number of output columns.
    public let columns: Int
    let storage: AlignedFloatBuffer
    /// Where this matrix starts in `storage` (non-zero when it lives in a model's arena).
    let offset: Int

    /// The first packed float.
    var baseAddress: UnsafeMutablePointer<Float> { storage.baseAddress + offset }

    /// The number of panels.
    public var panelCount: Int { (columns + Self.panelWidth - 1) / Self.panelWidth }

    /// Packs B = Wᵀ from a weight matrix W stored as `outputs` rows of `inputs` floats, the
    /// layout of PyTorch `Linear` and GGUF weights: `(outputs, inputs)`, `rowStride` apart.
    public init(weightRows: UnsafePointer<Float>, outputs: Int, inputs: Int, rowStride: Int? = nil) {
        self.init(weightRows: weightRows, outputs: outputs, inputs: inputs, rowStride: rowStride, slot: nil)
    }

    /// Packs into `slot` of a model's arena (which must hold at least the packed size), or
    /// into its own buffer.
    init(
        weightRows: UnsafePointer<Float>, outputs: Int, inputs: Int, rowStride: Int? = nil,
        slot: PackedWeightArena.Slot?
    ) {
        let stride = rowStride ?? inputs
        depth = inputs
        columns = outputs
        let width = Self.panelWidth
        let needed = ((outputs + width - 1) / width) * width * inputs
        if let slot, slot.count >= needed {
            storage = slot.arena.storage
            offset = slot.offset
        } else {
            storage = AlignedFloatBuffer(count: needed)
            offset = 0
        }
        let packed = storage.baseAddress + offset
        for panel in 0..<((outputs + width - 1) / width) {
            let panelBase = packed + panel * width * inputs
            for lane in 0..<min(width, outputs - panel * width) {
                let row = weightRows + (panel * width + lane) * stride
                for k in 0..<inputs { panelBase[k * width + lane] = row[k] }
            }
        }
    }

    /// Packs B from a matrix stored row-major as `depth` rows of `columns` floats, `rowStride`
    /// apart (the layout of an attention value block).
    public init(matrixRows: UnsafePointer<Float>, depth: Int, columns: Int, rowStride: Int? = nil) {
        let stride = rowStride ?? columns
        self.depth = depth
        self.columns = columns
        let width = Self.panelWidth
        storage = AlignedFloatBuffer(count: ((columns + width - 1) / width) * width * depth)
        offset = 0
        let packed = storage.baseAddress
        for panel in 0..<((columns + width - 1) / width) {
            let panelBase = packed + panel * width * depth
            let lanes = min(width, columns - panel * width)
            for k in 0..<depth {
                let source = matrixRows + k * stride + panel * width
                for lane in 0..<lanes { panelBase[k * width + lane] = source[lane] }
            }
        }
    }

    /// Packs B = Wᵀ from a weight tensor of shape `(outputs, inputs)`.
    public init(weight: Tensor) throws {
        try self.init(weight: weight, slot: nil)
    }

    /// Packs a weight tensor of shape `(outputs, inputs)` into `slot` of a model's arena.
    init(weight: Tensor, slot: PackedWeightArena.Slot?) throws {
        guard weight.rank == 2, weight.count > 0 else {
            throw InferenceError(
                .shapeMismatch, "a weight matrix needs rank 2 and elements, got \(weight.shape)")
        }
        self = weight.withUnsafeBufferPointer {
            PackedMatrix(weightRows: $0.baseAddress!, outputs: weight.shape[0], inputs: weight.shape[1], slot: slot)
        }
    }
}
