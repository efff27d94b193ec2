/// One product for `QuantizedMatrix.multiply(_:pool:backend:)`: a matrix, its prepared
/// activations, and where the outputs go (`outputStride` floats between activation rows).
public struct QuantizedProduct {
    /// The weights.
    public let matrix: QuantizedMatrix
    /// The inputs, prepared in `matrix.activationFormat`.
    public let activations: QuantizedActivations
    /// The first output; output (t, r) is at `output[t * outputStride + r]`.
    public let output: UnsafeMutablePointer<Float>
    /// Floats between the outputs of consecutive activation rows.
    public let outputStride: Int

    /// Bundles a product; throws if the activations do not fit the matrix.
    public init(
        matrix: QuantizedMatrix, activations: QuantizedActivations,
        output: UnsafeMutablePointer<Float>, outputStride: Int
    ) throws {
        try matrix.checkCompatible(activations)
        self.matrix = matrix
        self.activations = activations
        self.output = output
        self.outputStride = outputStride
    }
}
