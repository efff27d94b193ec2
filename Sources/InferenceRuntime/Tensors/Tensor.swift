/// A contiguous, row-major tensor of 32-bit floats with a shape (`[batch, sequence, hidden]`,
/// `[rows, columns]`, …). A value type: copies share storage until one is written.
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count` is the product of `shape`.
    public private(set) var scalars: [Float]

    /// A tensor of `shape` with every element set to `value`.
    public init(shape: [Int], repeating value: Float = 0) throws {
        let count = try Self.elementCount(of: shape)
        self.shape = shape
        scalars = [Float](repeating: value, count: count)
    }

    /// A tensor of `shape` holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) throws {
        let count = try Self.elementCount(of: shape)
        guard count == scalars.count else {
            throw InferenceError(
                .shapeMismatch, "shape \(shape) needs \(count) elements, got \(scalars.count)")
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// Internal initializer for shapes already checked by the caller.
    init(uncheckedShape shape: [Int], scalars: [Float]) {
        self.shape = shape
        self.scalars = scalars
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { scalars.count }

    /// The element at a full index (one coordinate per dimension).
    public subscript(_ indices: Int...) -> Float {
        get { scalars[offset(of: indices)] }
        set { scalars[offset(of: indices)] = newValue }
    }

    /// The same elements with another shape of equal element count.
    public func reshaped(to newShape: [Int]) throws -> Tensor {
        let count = try Self.elementCount(of: newShape)
        guard count == scalars.count else {
            throw InferenceError(
                .shapeMismatch, "cannot reshape \(shape) (\(scalars.count) elements) to \(newShape)")
        }
        return Tensor(uncheckedShape: newShape, scalars: scalars)
    }

    /// Calls `body` with the elements in row-major order.
    public func withUnsafeBufferPointer<R>(
        _ body: (UnsafeBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the elements in row-major order, writable.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer(body)
    }

    /// The largest absolute element-wise difference to `other` (infinity if shapes differ).
    public func maximumAbsoluteDifference(to other: Tensor) -> Float {
        guard shape == other.shape else { return .infinity }
        var result: Float = 0
        for index in scalars.indices {
            result = max(result, abs(scalars[index] - other.scalars[index]))
        }
        return result
    }

    private func offset(of indices: [Int]) -> Int {
        precondition(indices.count == shape.count, "tensor index needs \(shape.count) coordinates")
        var offset = 0
        for (index, size) in zip(indices, shape) {
            precondition(index >= 0 && index < size, "tensor index \(indices) out of \(shape)")
            offset = offset * size + index
        }
        return offset
    }

    private static func elementCount(of shape: [Int]) throws -> Int {
        var count = 1
        for size in shape {
            guard size >= 0 else {
                throw InferenceError(.shapeMismatch, "negative dimension in shape \(shape)")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw InferenceError(.shapeMismatch, "shape \(shape) has too many elements")
            }
            count = product
        }
        return count
    }
}
