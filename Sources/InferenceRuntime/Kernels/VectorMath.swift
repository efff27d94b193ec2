import CInferenceKernels

/// Vector primitives shared by the kernels, each with an AVX2 path and a portable Swift SIMD
/// path computing the same approximation (so results agree to float rounding).
enum VectorMath {
    /// e^x for eight lanes: Cephes-style range reduction x = n·ln2 + r, a degree-6 polynomial
    /// in r, and 2ⁿ built in the exponent bits (relative error about 1e-7), and 0 below
    /// −87.34.
    @inline(__always)
    static func exp(_ input: SIMD8<Float>) -> SIMD8<Float> {
        var x = input.clamped(lowerBound: SIMD8(repeating: -87.3365478515625),
                              upperBound: SIMD8(repeating: 88.3762626647949))
        let n = (x * 1.44269504088896341).rounded(.toNearestOrEven)
        x = x - n * 0.693359375
        x = x - n * -2.12194440e-4
        var y = SIMD8<Float>(repeating: 1.9875691500e-4)
        y = y * x + 1.3981999507e-3
        y = y * x + 8.3334519073e-3
        y = y * x + 4.1665795894e-2
        y = y * x + 1.6666665459e-1
        y = y * x + 5.0000001201e-1
        y = y * (x * x) + (x + 1)
        let exponent = (SIMD8<Int32>(truncatingIfNeeded: SIMD8<Int32>(n)) &+ 127) &<< 23
        let result = y * unsafeBitCast(exponent, to: SIMD8<Float>.self)
        // Below the smallest normal result the answer is 0 (masked −∞ scores vanish exactly).
        return result.replacing(with: 0, where: input .< -87.3365478515625)
    }

    /// Applies an eight-lane function to `count` floats in place.
    @inline(__always)
    static func map(
        _ x: UnsafeMutablePointer<Float>, count: Int, _ f: (SIMD8<Float>) -> SIMD8<Float>
    ) {
        var i = 0
        let raw = UnsafeMutableRawPointer(x)
        while i + 8 <= count {
            let v = (raw + i * 4).loadUnaligned(as: SIMD8<Float>.self)
            (raw + i * 4).storeBytes(of: f(v), as: SIMD8<Float>.self)
            i += 8
        }
        if i < count {
            var tail = SIMD8<Float>()
            for j in i..<count { tail[j - i] = x[j] }
            tail = f(tail)
            for j in i..<count { x[j] = tail[j - i] }
        }
    }

    /// Σ a[i]·b[i].
    @inline(__always)
    static func dot(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int,
        backend: KernelBackend = .best
    ) -> Float {
        #if arch(x86_64)
        if backend == .avx2 { return cik_dot_f32_avx2(count, a, b) }
        #endif
        var sum = SIMD8<Float>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 8 <= count {
            sum += (ra + i * 4).loadUnaligned(as: SIMD8<Float>.self)
                * (rb + i * 4).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var result = sum.sum()
        while i < count {
            result += a[i] * b[i]
            i += 1
        }
        return result
    }

    /// y += alpha·x.
    @inline(__always)
    static func axpy(
        _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
        backend: KernelBackend = .best
    ) {
        #if arch(x86_64)
        if backend == .avx2 {
            cik_axpy_avx2(count, alpha, x, y)
            return
        }
        #endif
        var i = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        while i + 8 <= count {
            let v = (ry + i * 4).loadUnaligned(as: SIMD8<Float>.self)
                + alpha * (rx + i * 4).loadUnaligned(as: SIMD8<Float>.self)
            (ry + i * 4).storeBytes(of: v, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] += alpha * x[i]
            i += 1
        }
    }
}
