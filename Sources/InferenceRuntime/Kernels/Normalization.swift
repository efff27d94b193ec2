/// Row normalizations: LayerNorm (BERT) and RMSNorm (Llama).
public enum Normalization {
    /// LayerNorm of each of `rows` rows of `width` floats: (x − mean) / √(var + ε) · γ + β,
    /// with the biased variance as PyTorch computes it. `input` and `output` may be the same.
    public static func layerNorm(
        _ input: UnsafePointer<Float>, rows: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float,
        output: UnsafeMutablePointer<Float>
    ) {
        guard width > 0 else { return }
        for row in 0..<rows {
            let x = input + row * width
            let y = output + row * width
            let mean = sum(x, width) / Float(width)
            var variance: Float = 0
            var i = 0
            let raw = UnsafeRawPointer(x)
            var acc = SIMD8<Float>()
            while i + 8 <= width {
                let d = (raw + i * 4).loadUnaligned(as: SIMD8<Float>.self) - mean
                acc += d * d
                i += 8
            }
            variance = acc.sum()
            while i < width {
                let d = x[i] - mean
                variance += d * d
                i += 1
            }
            let scale = 1 / (variance / Float(width) + epsilon).squareRoot()
            for j in 0..<width { y[j] = (x[j] - mean) * scale * weight[j] + bias[j] }
        }
    }

    /// RMSNorm of each of `rows` rows of `width` floats: x / √(mean(x²) + ε) · γ.
    /// `input` and `output` may be the same.
    public static func rmsNorm(
        _ input: UnsafePointer<Float>, rows: Int, width: Int,
        weight: UnsafePointer<Float>, epsilon: Float, output: UnsafeMutablePointer<Float>
    ) {
        guard width > 0 else { return }
        for row in 0..<rows {
            let x = input + row * width
            let y = output + row * width
            let meanSquare = VectorMath.dot(x, x, count: width) / Float(width)
            let scale = 1 / (meanSquare + epsilon).squareRoot()
            for j in 0..<width { y[j] = x[j] * scale * weight[j] }
        }
    }

    /// LayerNorm over the last dimension of a tensor.
    public static func layerNorm(
        _ x: Tensor, weight: [Float], bias: [Float], epsilon: Float
    ) throws -> Tensor {
        let width = try checkedWidth(x, weight.count, "layerNorm weight")
        guard bias.count == width else {
            throw InferenceError(.shapeMismatch, "layerNorm bias has \(bias.count) values for width \(width)")
        }
        var output = x
        output.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            layerNorm(base, rows: out.count / width, width: width, weight: weight, bias: bias,
                      epsilon: epsilon, output: base)
        }
        return output
    }

    /// RMSNorm over the last dimension of a tensor.
    public static func rmsNorm(_ x: Tensor, weight: [Float], epsilon: Float) throws -> Tensor {
        let width = try checkedWidth(x, weight.count, "rmsNorm weight")
        var output = x
        output.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            rmsNorm(base, rows: out.count / width, width: width, weight: weight,
                    epsilon: epsilon, output: base)
        }
        return output
    }

    private static func checkedWidth(_ x: Tensor, _ expected: Int, _ what: String) throws -> Int {
        guard let width = x.shape.last, width == expected, width > 0 else {
            throw InferenceError(
                .shapeMismatch, "\(what) has \(expected) values for input of shape \(x.shape)")
        }
        return width
    }

    @inline(__always)
    private static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        let raw = UnsafeRawPointer(x)
        while i + 8 <= count {
            acc += (raw + i * 4).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var result = acc.sum()
        while i < count {
            result += x[i]
            i += 1
        }
        return result
    }
}
