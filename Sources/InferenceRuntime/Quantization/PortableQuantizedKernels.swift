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

    /// The five-bit value `j` (0..<32) of a Q5_0/Q5_1 block whose `qh` word is at `qhAt`
    /// (the 16 nibble bytes follow it), before Q5_0's centring.
    @inline(__always)
    private static func fiveBitValue(_ qhAt: UnsafeRawPointer, _ j: Int) -> Int32 {
        let qh = UInt32(littleEndian: qhAt.loadUnaligned(as: UInt32.self))
        let byte = (qhAt + 4).load(fromByteOffset: j & 15, as: UInt8.self)
        let nibble = j < 16 ? byte & 0x0F : byte >> 4
        return Int32(nibble) | Int32((qh >> UInt32(j)) & 1) << 4
    }

    /// Q5_0 weights {f16 d; u32 qh; u8 qs[16]} times Q8_0 activations.
    static func dotQ5_0(_ columns: Int, _ w: UnsafeRawPointer, _ x: UnsafeRawPointer) -> Float {
        var result: Float = 0
        for block in 0..<(columns / 32) {
            let wb = w + block * 22, xb = x + block * 34
            let qx = (xb + 2).assumingMemoryBound(to: Int8.self)
            var sum: Int32 = 0
            for j in 0..<32 { sum &+= (fiveBitValue(wb + 2, j) - 16) &* Int32(qx[j]) }
            result += BlockDequantizer.half(wb, 0) * BlockDequantizer.half(xb, 0) * Float(sum)
        }
        return result
    }

    /// Q5_1 weights {f16 d; f16 m; u32 qh; u8 qs[16]} times Q8_1 activations.
    static func dotQ5_1(_ columns: Int, _ w: UnsafeRawPointer, _ x: UnsafeRawPointer) -> Float {
        var result: Float = 0
        var minimums: Float = 0
        for block in 0..<(columns / 32) {
            let wb = w + block * 24, xb = x + block * 36
            let qx = (xb + 4).assumingMemoryBound(to: Int8.self)
            var sum: Int32 = 0
            for j in 0..<32 { sum &+= fiveBitValue(wb + 4, j) &* Int32(qx[j]) }
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
