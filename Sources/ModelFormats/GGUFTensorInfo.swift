/// Where one tensor of a GGUF file lives and how it is stored.
public struct GGUFTensorInfo: Sendable, Equatable {
    /// The tensor's name (`blk.0.attn_q.weight`).
    public var name: String
    /// The dimensions in ggml order: `dimensions[0]` is the innermost (contiguous) one, so a
    /// PyTorch weight of shape (out, in) has dimensions `[in, out]`.
    public var dimensions: [Int]
    /// The storage type.
    public var type: GGMLType
    /// The offset of the data from the start of the data section.
    public var offset: Int
    /// The number of bytes of data.
    public var byteCount: Int
    /// The absolute byte range in the file.
    public var fileRange: Range<Int>

    /// The number of values.
    public var elementCount: Int { dimensions.reduce(1, *) }

    /// The dimensions outermost first, as PyTorch and NumPy write shapes.
    public var shape: [Int] { dimensions.reversed() }
}
