import CInferenceKernels

/// The numerically stable softmax: exp(x − max) / Σ exp(x − max).
public enum Softmax {
    /// Replaces `count` floats by their softmax. Masked positions hold −∞ and get 0; a row
    /// that is masked everywhere becomes all zeros.
    public static func apply(
        _ x: UnsafeMutablePointer<Float>, count: Int, backend: KernelBackend = .best
    ) {
        guard count > 0 else { return }
        #if arch(x86_64)
        if backend == .avx2 {
            cik_softmax_avx2(x, count)
            return
        }
        #endif
        var maximum = -Float.infinity
        for i in 0..<count { maximum = max(maximum, x[i]) }
        guard maximum > -.infinity else {
            x.update(repeating: 0, count: count)
            return
        }
        VectorMath.map(x, count: count) { VectorMath.exp($0 - maximum) }
        var sum: Float = 0
        for i in 0..<count { sum += x[i] }
        let inverse = 1 / sum
        for i in 0..<count { x[i] *= inverse }
    }

    /// The softmax of an array.
    public static func apply(_ values: [Float], backend: KernelBackend = .best) -> [Float] {
        var result = values
        result.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { apply(base, count: buffer.count, backend: backend) }
        }
        return result
    }
}
