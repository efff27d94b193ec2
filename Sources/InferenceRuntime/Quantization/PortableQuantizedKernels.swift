import ModelFormats

/// The block-quantized dot products in plain Swift, for CPUs without AVX2: integer sums per
/// block, scaled once per block in float, the same arithmetic as the AVX2 kernels.
enum PortableQuantizedKernels {
    /// Σ over `columns` values of weight row `w` (Q8_0) times activations `x` (Q8_0).
    static func dotQ8_0(_ columns: Int, _ w: UnsafeRawPointer, _ x: UnsafeRawPointer) -> Float {
        var result: Float = 0
        for block in 0..<(columns / 32) {
            let wb = w + block * 34, xb = x + block * 34
            let qw = (wb + 2).assumingMemoryBound(to: Int8.self)
            let qx = (xb + 2).assumingMemoryBound(to: Int8.self)
            var sum: Int32 = 0
            for j in 0..<32 { sum &+= Int32(qw[j]) &* Int32(qx[j]) }
            result += BlockDequantizer.half(wb, 0) * BlockDequantizer.half(xb, 0) * Float(sum)
        }
        return result
    }

    /// Q4_0 weights times Q8_0 activations.
    static func dotQ4_0(_ columns: Int, _ w: UnsafeRawPointer, _ x: UnsafeRawPointer) -> Float {
        var result: Float = 0
        for block in 0..<(columns / 32) {
            let wb = w + block * 18, xb = x + block * 34
            let qw = (wb + 2).assumingMemoryBound(to: UInt8.self)
            let qx = (xb + 2).assumingMemoryBound(to: Int8.self)
            var sum: Int32 = 0
            for j in 0..<16 {
                sum &+= (Int32(qw[j] & 0x0F) - 8) &* Int32(qx[j])
                sum &+= (Int32(qw[j] >> 4) - 8) &* Int32(qx[j + 16])
            }
            result += BlockDequantizer.half(wb, 0) * BlockDequantizer.half(xb, 0) * Float(sum)
        }
        return result
    }

    /// Q4_1 weights times Q8_1 activations: d_w·d_x·Σ q_w·q_x + m_w·s_x per block.
    static func dotQ4_1(_ columns: Int, _ w: UnsafeRawPointer, _ x: UnsafeRawPointer) -> Float {
        var result: Float = 0
        var minimums: Float = 0
        for block in 0..<(columns / 32) {
            let wb = w + block * 20, xb = x + block * 36
            let qw = (wb + 4).assumingMemoryBound(to: UInt8.self)
            let qx = (xb + 4).assumingMemoryBound(to: Int8.self)
            var sum: Int32 = 0
            for j in 0..<16 {
                sum &+= Int32(qw[j] & 0x0F) &* Int32(qx[j])
                sum &+= Int32(qw[j] >> 4) &* Int32(qx[j + 16])
            }
            result += BlockDequantizer.half(wb, 0) * BlockDequantizer.half(xb, 0) * Float(sum)
            minimums += BlockDequantizer.half(wb, 2) * BlockDequantizer.half(xb, 2)
        }
        return result + minimums
    }

    /// F16 weights times f32 activations.
    static func dotF16(_ columns: Int, _ w: UnsafeRawPointer, _ x: UnsafePointer<Float>) -> Float {
        var result: Float = 0
        for j in 0..<columns { result += BlockDequantizer.half(w, 2 * j) * x[j] }
        return result
    }
}
