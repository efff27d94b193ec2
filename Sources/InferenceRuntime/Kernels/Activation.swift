import CInferenceKernels

/// Element-wise activation functions, applied in place.
public enum Activation {
    /// GELU in the erf form BERT uses: x · ½ · (1 + erf(x / √2)). erf is the
    /// Abramowitz-Stegun 7.1.26 approximation (absolute error below 1.5e-7).
    public static func gelu(
        _ x: UnsafeMutablePointer<Float>, count: Int, backend: KernelBackend = .best
    ) {
        #if arch(x86_64)
        if backend == .avx2 {
            cik_gelu_erf_avx2(x, count)
            return
        }
        #endif
        VectorMath.map(x, count: count) { x in
            let z = x * 0.70710678118654752
            let az = z.replacing(with: -z, where: z .< 0)
            let t = 1 / (1 + 0.3275911 * az)
            var poly = SIMD8<Float>(repeating: 1.061405429)
            poly = poly * t - 1.453152027
            poly = poly * t + 1.421413741
            poly = poly * t - 0.284496736
            poly = poly * t + 0.254829592
            poly = poly * t
            let erfAbs = 1 - poly * VectorMath.exp(-(az * az))
            let erf = erfAbs.replacing(with: -erfAbs, where: z .< 0)
            return 0.5 * x * (1 + erf)
        }
    }

    /// GELU with the tanh approximation (`gelu_new`): ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
    public static func geluTanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        VectorMath.map(x, count: count) { x in
            let inner = 0.7978845608028654 * (x + 0.044715 * x * x * x)
            // tanh(u) = 1 − 2 / (e^{2u} + 1)
            let tanh = 1 - 2 / (VectorMath.exp(2 * inner) + 1)
            return 0.5 * x * (1 + tanh)
        }
    }

    /// ReLU: max(x, 0).
    public static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count where !(x[i] > 0) { x[i] = 0 }
    }

    /// SiLU (swish): x / (1 + e⁻ˣ).
    public static func silu(
        _ x: UnsafeMutablePointer<Float>, count: Int, backend: KernelBackend = .best
    ) {
        #if arch(x86_64)
        if backend == .avx2 {
            cik_silu_avx2(x, count)
            return
        }
        #endif
        VectorMath.map(x, count: count) { x in x / (1 + VectorMath.exp(-x)) }
    }

    /// SwiGLU of Llama's feed-forward: gate = SiLU(gate) · up, element-wise.
    public static func swiGLU(
        gate: UnsafeMutablePointer<Float>, up: UnsafePointer<Float>, count: Int,
        backend: KernelBackend = .best
    ) {
        #if arch(x86_64)
        if backend == .avx2 {
            cik_swiglu_avx2(gate, up, count)
            return
        }
        #endif
        silu(gate, count: count, backend: backend)
        for i in 0..<count { gate[i] *= up[i] }
    }

    /// tanh, for the BERT pooler (a few hundred values per sequence).
    public static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            // tanh(x) = 1 - 2 / (e^{2x} + 1), stable at both ends.
            let e = VectorMath.exp(SIMD8(repeating: 2 * x[i]))[0]
            x[i] = 1 - 2 / (e + 1)
        }
    }
}
