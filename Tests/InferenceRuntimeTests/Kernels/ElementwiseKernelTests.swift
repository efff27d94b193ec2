import Foundation
import Testing
@testable import InferenceRuntime

@Suite("Element-wise kernels and normalizations")
struct ElementwiseKernelTests {
    /// Values from −12 to 12 and a few extremes, 203 of them (not a multiple of 8).
    static let inputs: [Float] = (0..<200).map { Float($0) * 0.12 - 12 } + [-90, 0, 95]

    static func applied(
        _ values: [Float], _ kernel: (UnsafeMutablePointer<Float>, Int) -> Void
    ) -> [Float] {
        var result = values
        result.withUnsafeMutableBufferPointer { kernel($0.baseAddress!, $0.count) }
        return result
    }

    @Test("GELU follows the erf form within 1e-6", arguments: supportedBackends)
    func geluMatchesErf(backend: KernelBackend) {
        let result = Self.applied(Self.inputs) { Activation.gelu($0, count: $1, backend: backend) }
        let expected = Self.inputs.map { x in Float(0.5 * Double(x) * (1 + erf(Double(x) / 2.0.squareRoot()))) }
        for (value, reference) in zip(result, expected) {
            #expect(abs(value - reference) <= 1e-6 * max(1, abs(reference)), "gelu \(reference)")
        }
    }

    @Test("SiLU and SwiGLU follow x / (1 + e⁻ˣ)", arguments: supportedBackends)
    func siluMatchesDefinition(backend: KernelBackend) {
        let result = Self.applied(Self.inputs) { Activation.silu($0, count: $1, backend: backend) }
        let expected = Self.inputs.map { x in Float(Double(x) / (1 + exp(-Double(x)))) }
        for (value, reference) in zip(result, expected) {
            #expect(abs(value - reference) <= 2e-6 * max(1, abs(reference)))
        }
        let up = Self.inputs.reversed().map { $0 * 0.5 }
        var gate = Self.inputs
        gate.withUnsafeMutableBufferPointer { g in
            up.withUnsafeBufferPointer { u in
                Activation.swiGLU(gate: g.baseAddress!, up: u.baseAddress!, count: g.count, backend: backend)
            }
        }
        for index in gate.indices {
            #expect(abs(gate[index] - expected[index] * up[index]) <= 2e-6 * max(1, abs(gate[index])))
        }
    }

    @Test("softmax sums to one, matches exp(x − max) / Σ, and zeroes masked positions",
          arguments: supportedBackends)
    func softmaxNumerics(backend: KernelBackend) {
        var values = Self.inputs
        values[3] = -.infinity
        let result = Softmax.apply(values, backend: backend)
        let maximum = Double(values.max()!)
        let exps = values.map { exp(Double($0) - maximum) }
        let total = exps.reduce(0, +)
        for (value, e) in zip(result, exps) { #expect(abs(Double(value) - e / total) <= 1e-7 + 1e-6 * e / total) }
        #expect(result[3] == 0)
        #expect(abs(result.reduce(0, +) - 1) < 1e-5)
        // Large logits do not overflow.
        let large = Softmax.apply([1000, 1000, 999], backend: backend)
        #expect(large.allSatisfy(\.isFinite) && abs(large[0] - large[1]) < 1e-7)
        // A row masked everywhere has no mass rather than NaNs.
        #expect(Softmax.apply([-.infinity, -.infinity], backend: backend) == [0, 0])
    }

    @Test("LayerNorm normalizes each row to the weight and bias")
    func layerNormMatchesDefinition() throws {
        var random = TestRandom(seed: 4)
        let width = 37, rows = 3
        let x = try Tensor(shape: [rows, width], scalars: random.floats(rows * width, -3, 5))
        let weight = random.floats(width), bias = random.floats(width)
        let y = try Normalization.layerNorm(x, weight: weight, bias: bias, epsilon: 1e-12)
        for row in 0..<rows {
            let values = (0..<width).map { Double(x[row, $0]) }
            let mean = values.reduce(0, +) / Double(width)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(width)
            for j in 0..<width {
                let expected = (values[j] - mean) / (variance + 1e-12).squareRoot() * Double(weight[j]) + Double(bias[j])
                #expect(abs(Double(y[row, j]) - expected) < 1e-5)
            }
        }
        #expect(throws: InferenceError.self) {
            try Normalization.layerNorm(x, weight: weight, bias: Array(bias.dropLast()), epsilon: 1e-12)
        }
    }

    @Test("RMSNorm divides each row by its root mean square")
    func rmsNormMatchesDefinition() throws {
        var random = TestRandom(seed: 5)
        let width = 45
        let x = try Tensor(shape: [2, width], scalars: random.floats(2 * width, -2, 2))
        let weight = random.floats(width)
        let y = try Normalization.rmsNorm(x, weight: weight, epsilon: 1e-5)
        for row in 0..<2 {
            let values = (0..<width).map { Double(x[row, $0]) }
            let rms = (values.map { $0 * $0 }.reduce(0, +) / Double(width) + 1e-5).squareRoot()
            for j in 0..<width {
                #expect(abs(Double(y[row, j]) - values[j] / rms * Double(weight[j])) < 1e-5)
            }
        }
        #expect(throws: InferenceError.self) { try Normalization.rmsNorm(x, weight: [1, 2], epsilon: 1e-5) }
    }

    @Test("tanh matches Foundation's")
    func tanhMatches() {
        let result = Self.applied(Self.inputs) { Activation.tanh($0, count: $1) }
        for (value, x) in zip(result, Self.inputs) { #expect(abs(value - Foundation.tanh(x)) < 1e-6) }
    }
}
