import ModelFormats

/// Quantizes float weights into GGML blocks of 32 as ggml's reference quantizers do:
/// Q8_0 (int8 with one scale per block, the runtime's int8 weight quantization), Q4_0 and Q4_1.
public enum BlockQuantizer {
    /// The types this quantizer writes.
    public static let supportedTypes: Set<GGMLType> = [.q8_0, .q4_0, .q4_1]

    /// The bytes of `values` (a multiple of 32 of them) quantized to `type`.
    public static func quantize(_ values: UnsafeBufferPointer<Float>, as type: GGMLType) throws -> [UInt8] {
        guard supportedTypes.contains(type) else {
            throw InferenceError(.unsupportedTensorType, "cannot quantize to GGML type \(type)")
        }
        guard values.count % 32 == 0 else {
            throw InferenceError(.shapeMismatch, "\(values.count) values are not whole blocks of 32")
        }
        guard values.allSatisfy(\.isFinite) else {
            throw InferenceError(.invalidArgument, "cannot quantize values that are not finite")
        }
        let blocks = values.count / 32
        var bytes = [UInt8](repeating: 0, count: blocks * type.bytesPerBlock)
        bytes.withUnsafeMutableBytes { raw in
            for block in 0..<blocks {
                let x = values.baseAddress! + block * 32
                let b = raw.baseAddress! + block * type.bytesPerBlock
                switch type {
                case .q8_0: q8_0(x, b)
                case .q4_0: q4_0(x, b)
                default: q4_1(x, b)
                }
            }
        }
        return bytes
    }

    /// Quantizes `values` (a multiple of 32 of them) to `type`.
    public static func quantize(_ values: [Float], as type: GGMLType) throws -> [UInt8] {
        try values.withUnsafeBufferPointer { try quantize($0, as: type) }
    }

    private static func storeHalf(_ value: Float, _ b: UnsafeMutableRawPointer, _ offset: Int) {
        b.storeBytes(of: HalfPrecision.bits(from: value), toByteOffset: offset, as: UInt16.self)
    }

    private static func q8_0(_ x: UnsafePointer<Float>, _ b: UnsafeMutableRawPointer) {
        var amax: Float = 0
        for j in 0..<32 { amax = max(amax, abs(x[j])) }
        let d = amax / 127
        let id: Float = d != 0 ? 1 / d : 0
        storeHalf(d, b, 0)
        for j in 0..<32 {
            b.storeBytes(of: Int8((x[j] * id).rounded()), toByteOffset: 2 + j, as: Int8.self)
        }
    }

    private static func q4_0(_ x: UnsafePointer<Float>, _ b: UnsafeMutableRawPointer) {
        var amax: Float = 0, signedMax: Float = 0
        for j in 0..<32 where abs(x[j]) > amax {
            amax = abs(x[j])
            signedMax = x[j]
        }
        let d = signedMax / -8
        let id: Float = d != 0 ? 1 / d : 0
        storeHalf(d, b, 0)
        for j in 0..<16 {
            let low = min(15, Int(Int8(truncatingIfNeeded: Int(x[j] * id + 8.5))))
            let high = min(15, Int(Int8(truncatingIfNeeded: Int(x[j + 16] * id + 8.5))))
            b.storeBytes(of: UInt8(low | (high << 4)), toByteOffset: 2 + j, as: UInt8.self)
        }
    }

    private static func q4_1(_ x: UnsafePointer<Float>, _ b: UnsafeMutableRawPointer) {
        var lowest = Float.greatestFiniteMagnitude, highest = -Float.greatestFiniteMagnitude
        for j in 0..<32 {
            lowest = min(lowest, x[j])
            highest = max(highest, x[j])
        }
        let d = (highest - lowest) / 15
        let id: Float = d != 0 ? 1 / d : 0
        storeHalf(d, b, 0)
        storeHalf(lowest, b, 2)
        for j in 0..<16 {
            let low = min(15, Int((x[j] - lowest) * id + 0.5))
            let high = min(15, Int((x[j + 16] - lowest) * id + 0.5))
            b.storeBytes(of: UInt8(low | (high << 4)), toByteOffset: 4 + j, as: UInt8.self)
        }
    }
}
