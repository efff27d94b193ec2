/// Where one tensor of a safetensors file lives and how it is stored.
public struct SafetensorsTensorInfo: Sendable, Equatable {
    /// The tensor's name (`encoder.layer.0.attention.self.query.weight`).
    public var name: String
    /// The element type.
    public var dtype: SafetensorsDType
    /// The shape, outermost dimension first (row-major).
    public var shape: [Int]
    /// The `data_offsets` range, relative to the start of the data section.
    public var dataRange: Range<Int>
    /// The absolute byte range in the file.
    public var fileRange: Range<Int>

    /// The number of elements.
    public var elementCount: Int { shape.reduce(1, *) }
}
