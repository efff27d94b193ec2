import Testing
@testable import InferenceRuntime

@Suite("Matrix multiplication")
struct MatrixMultiplicationTests {
    /// C = A·Wᵀ (+ bias) (+ C₀) in double precision, the naive way.
    static func naive(
        _ a: [Float], _ w: [Float], m: Int, n: Int, k: Int, bias: [Float]?, initial: [Float]?
    ) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += Double(a[i * k + p]) * Double(w[j * k + p]) }
                sum += Double(bias?[j] ?? 0) + Double(initial?[i * n + j] ?? 0)
                c[i * n + j] = Float(sum)
            }
        }
        return c
    }

    static let oddShapes: [(m: Int, n: Int, k: Int)] = [
        (1, 1, 1), (1, 17, 5), (5, 3, 7), (6, 16, 256), (7, 33, 257), (13, 16, 300),
        (100, 37, 19), (97, 130, 513), (2, 200, 64),
    ]

    @Test("matches a naive product on odd shapes with both kernel backends", arguments: supportedBackends)
    func matchesNaiveProduct(backend: KernelBackend) throws {
        var random = TestRandom(seed: 1)
        for shape in Self.oddShapes {
            let a = random.floats(shape.m * shape.k)
            let w = random.floats(shape.n * shape.k)
            let packed = try PackedMatrix(weight: try Tensor(shape: [shape.n, shape.k], scalars: w))
            let x = try Tensor(shape: [shape.m, shape.k], scalars: a)
            let result = try MatrixMultiplication.linear(x, weight: packed, backend: backend)
            let expected = Self.naive(a, w, m: shape.m, n: shape.n, k: shape.k, bias: nil, initial: nil)
            let difference = maximumDifference(result.scalars, expected)
            #expect(result.shape == [shape.m, shape.n])
            #expect(difference < 1e-5 * Float(shape.k).squareRoot() * 4, "shape \(shape): \(difference)")
        }
    }

    @Test("adds the bias and accumulates into C, split over two threads", arguments: supportedBackends)
    func biasAndAccumulationAcrossThreads(backend: KernelBackend) {
        let pool = ComputeThreadPool(threadCount: 2)
        var random = TestRandom(seed: 2)
        for shape in [(m: 64, n: 200, k: 96), (m: 300, n: 24, k: 40), (m: 7, n: 1000, k: 33)] {
            let a = random.floats(shape.m * shape.k)
            let w = random.floats(shape.n * shape.k)
            let bias = random.floats(shape.n)
            let initial = random.floats(shape.m * shape.n)
            let packed = w.withUnsafeBufferPointer {
                PackedMatrix(weightRows: $0.baseAddress!, outputs: shape.n, inputs: shape.k)
            }
            var c = initial
            a.withUnsafeBufferPointer { aBuffer in
                bias.withUnsafeBufferPointer { biasBuffer in
                    c.withUnsafeMutableBufferPointer { cBuffer in
                        MatrixMultiplication.multiply(
                            aBuffer.baseAddress!, rows: shape.m, aStride: shape.k, by: packed,
                            into: cBuffer.baseAddress!, cStride: shape.n,
                            bias: biasBuffer.baseAddress!, accumulate: true, pool: pool,
                            backend: backend)
                    }
                }
            }
            let expected = Self.naive(a, w, m: shape.m, n: shape.n, k: shape.k, bias: bias, initial: initial)
            #expect(maximumDifference(c, expected) < 1e-4, "shape \(shape)")
        }
    }

    @Test("packs a row-major K × N matrix the same as the transposed weight layout")
    func packsBothLayoutsAlike() {
        var random = TestRandom(seed: 3)
        let k = 9, n = 21, m = 4
        let b = random.floats(k * n)  // (k, n)
        var w = [Float](repeating: 0, count: n * k)  // (n, k) = bᵀ
        for p in 0..<k { for j in 0..<n { w[j * k + p] = b[p * n + j] } }
        let a = random.floats(m * k)
        let fromMatrix = b.withUnsafeBufferPointer {
            PackedMatrix(matrixRows: $0.baseAddress!, depth: k, columns: n)
        }
        let fromWeights = w.withUnsafeBufferPointer {
            PackedMatrix(weightRows: $0.baseAddress!, outputs: n, inputs: k)
        }
        let x = try! Tensor(shape: [m, k], scalars: a)
        let first = try! MatrixMultiplication.linear(x, weight: fromMatrix)
        let second = try! MatrixMultiplication.linear(x, weight: fromWeights)
        #expect(first == second)
        #expect(maximumDifference(first.scalars, Self.naive(a, w, m: m, n: n, k: k, bias: nil, initial: nil)) < 1e-5)
    }

    @Test("rejects an input whose width differs from the weight's inputs")
    func rejectsMismatchedShapes() throws {
        let packed = try PackedMatrix(weight: try Tensor(shape: [4, 3], repeating: 1))
        let x = try Tensor(shape: [2, 5], repeating: 1)
        #expect(throws: InferenceError.self) { try MatrixMultiplication.linear(x, weight: packed) }
        #expect(throws: InferenceError.self) {
            try MatrixMultiplication.linear(try Tensor(shape: [2, 3], repeating: 1), weight: packed, bias: [1, 2])
        }
        #expect(throws: InferenceError.self) { try PackedMatrix(weight: try Tensor(shape: [3], repeating: 1)) }
    }
}
