import ModelFormats

/// Converts GGML blocks to floats, following the block layouts of ggml (`ggml-common.h`):
/// F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0 (blocks of 32) and the k-quants Q4_K, Q5_K,
/// Q6_K (super-blocks of 256). Used for embedding rows, for k-quant products, and as the
/// scalar reference the vector kernels are tested against.
public enum BlockDequantizer {
    /// The types this runtime can read.
    public static let supportedTypes: Set<GGMLType> = [
        .f32, .f16, .bf16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K,
    ]

    /// Writes the `count` values stored at `source` in `type` to `destination`; `count` must be
    /// a multiple of the type's block size.
    public static func dequantize(
        _ type: GGMLType, from source: UnsafeRawPointer, count: Int,
        into destination: UnsafeMutablePointer<Float>
    ) throws {
        guard supportedTypes.contains(type) else {
            throw InferenceError(.unsupportedTensorType, "cannot dequantize GGML type \(type)")
        }
        guard count % type.blockSize == 0 else {
            throw InferenceError(
                .shapeMismatch, "\(count) values are not whole blocks of \(type.blockSize) for \(type)")
        }
        let blocks = count / type.blockSize
        for block in 0..<blocks {
            let b = source + block * type.bytesPerBlock
            let y = destination + block * type.blockSize
            switch type {
            case .f32: y[0] = Float(bitPattern: b.loadUnaligned(as: UInt32.self))
            case .f16: y[0] = half(b, 0)
            case .bf16: y[0] = Float(bitPattern: UInt32(b.loadUnaligned(as: UInt16.self)) << 16)
            case .q8_0: q8_0(b, y)
            case .q4_0: q4_0(b, y)
            case .q4_1: q4_1(b, y)
            case .q5_0: q5(b, y, hasMinimum: false)
            case .q5_1: q5(b, y, hasMinimum: true)
            case .q4_K: q4_K(b, y)
            case .q5_K: q5_K(b, y)
            case .q6_K: q6_K(b, y)
            default: break
            }
        }
    }

    @inline(__always)
    static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
        HalfPrecision.float(fromBits: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    /// {f16 d; int8 q[32]}: x = d·q.
    private static func q8_0(_ b: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(b, 0)
        let q = (b + 2).assumingMemoryBound(to: Int8.self)
        for i in 0..<32 { y[i] = d * Float(q[i]) }
    }

    /// {f16 d; u8 q[16]}: low nibbles are values 0–15, high nibbles 16–31; x = d·(q − 8).
    private static func q4_0(_ b: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(b, 0)
        let q = (b + 2).assumingMemoryBound(to: UInt8.self)
        for i in 0..<16 {
            y[i] = d * Float(Int(q[i] & 0x0F) - 8)
            y[i + 16] = d * Float(Int(q[i] >> 4) - 8)
        }
    }

    /// {f16 d; f16 m; u8 q[16]}: x = d·q + m.
    private static func q4_1(_ b: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(b, 0), m = half(b, 2)
        let q = (b + 4).assumingMemoryBound(to: UInt8.self)
        for i in 0..<16 {
            y[i] = d * Float(q[i] & 0x0F) + m
            y[i + 16] = d * Float(q[i] >> 4) + m
        }
    }

    /// Q5_0 {f16 d; u32 qh; u8 q[16]}: x = d·(q5 − 16); Q5_1 {f16 d; f16 m; u32 qh; u8 q[16]}:
    /// x = d·q5 + m, where bit j of qh is the fifth bit of value j.
    private static func q5(_ b: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, hasMinimum: Bool) {
        let d = half(b, 0)
        let m = hasMinimum ? half(b, 2) : 0
        let headerBytes = hasMinimum ? 4 : 2
        let qh = UInt32(littleEndian: b.loadUnaligned(fromByteOffset: headerBytes, as: UInt32.self))
        let q = (b + headerBytes + 4).assumingMemoryBound(to: UInt8.self)
        let offset = hasMinimum ? 0 : 16
        for j in 0..<16 {
            let high0 = Int((qh >> UInt32(j)) & 1) << 4
            let high1 = Int((qh >> UInt32(j + 16)) & 1) << 4
            let x0 = (Int(q[j] & 0x0F) | high0) - offset
            let x1 = (Int(q[j] >> 4) | high1) - offset
            y[j] = d * Float(x0) + m
            y[j + 16] = d * Float(x1) + m
        }
    }

    /// The 6-bit scale and minimum of sub-block `j` from the 12 packed bytes of Q4_K/Q5_K.
    @inline(__always)
    static func scaleAndMinimum(_ j: Int, _ q: UnsafePointer<UInt8>) -> (Float, Float) {
        if j < 4 { return (Float(q[j] & 63), Float(q[j + 4] & 63)) }
        let scale = (q[j + 4] & 0x0F) | ((q[j - 4] >> 6) << 4)
        let minimum = (q[j + 4] >> 4) | ((q[j] >> 6) << 4)
        return (Float(scale), Float(minimum))
    }

    /// {f16 d; f16 dmin; u8 scales[12]; u8 q[128]}: 8 sub-blocks of 32 values,
    /// x = d·scale·q − dmin·min.
    private static func q4_K(_ b: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(b, 0), dmin = half(b, 2)
        let scales = (b + 4).assumingMemoryBound(to: UInt8.self)
        var q = (b + 16).assumingMemoryBound(to: UInt8.self)
        var out = y
        for pair in 0..<4 {
            let (s1, m1) = scaleAndMinimum(2 * pair, scales)
            let (s2, m2) = scaleAndMinimum(2 * pair + 1, scales)
            for l in 0..<32 { out[l] = d * s1 * Float(q[l] & 0x0F) - dmin * m1 }
            for l in 0..<32 { out[l + 32] = d * s2 * Float(q[l] >> 4) - dmin * m2 }
            out += 64
            q += 32
        }
    }

    /// {f16 d; f16 dmin; u8 scales[12]; u8 qh[32]; u8 q[128]}: as Q4_K with a fifth bit per
    /// value from qh.
    private static func q5_K(_ b: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(b, 0), dmin = half(b, 2)
        let scales = (b + 4).assumingMemoryBound(to: UInt8.self)
        let qh = (b + 16).assumingMemoryBound(to: UInt8.self)
        var q = (b + 48).assumingMemoryBound(to: UInt8.self)
        var out = y
        var u1: UInt8 = 1, u2: UInt8 = 2
        for pair in 0..<4 {
            let (s1, m1) = scaleAndMinimum(2 * pair, scales)
            let (s2, m2) = scaleAndMinimum(2 * pair + 1, scales)
            for l in 0..<32 {
                out[l] = d * s1 * Float(Int(q[l] & 0x0F) + (qh[l] & u1 != 0 ? 16 : 0)) - dmin * m1
            }
            for l in 0..<32 {
                out[l + 32] = d * s2 * Float(Int(q[l] >> 4) + (qh[l] & u2 != 0 ? 16 : 0)) - dmin * m2
            }
            out += 64
            q += 32
            u1 <<= 2
            u2 <<= 2
        }
    }

    /// {u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d}: 16 sub-blocks of 16 values,
    /// x = d·scale·(q6 − 32).
    private static func q6_K(_ b: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(b, 208)
        var ql = b.assumingMemoryBound(to: UInt8.self)
        var qh = (b + 128).assumingMemoryBound(to: UInt8.self)
        var sc = (b + 192).assumingMemoryBound(to: Int8.self)
        var out = y
        for _ in 0..<2 {
            for l in 0..<32 {
                let s = l / 16
                let q1 = Int((ql[l] & 0x0F) | ((qh[l] & 3) << 4)) - 32
                let q2 = Int((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32
                let q3 = Int((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32
                let q4 = Int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32
                out[l] = d * Float(sc[s]) * Float(q1)
                out[l + 32] = d * Float(sc[s + 2]) * Float(q2)
                out[l + 64] = d * Float(sc[s + 4]) * Float(q3)
                out[l + 96] = d * Float(sc[s + 6]) * Float(q4)
            }
            out += 128
            ql += 64
            qh += 32
            sc += 8
        }
    }
}
