import ModelFormats
import Testing

@Suite("ggml types and half precision")
struct GGMLTypeTests {
    @Test("block sizes and bytes per block match ggml for the common types")
    func blockLayouts() {
        let expected: [(GGMLType, UInt32, Int, Int)] = [
            (.f32, 0, 1, 4), (.f16, 1, 1, 2), (.bf16, 30, 1, 2), (.q4_0, 2, 32, 18), (.q4_1, 3, 32, 20),
            (.q5_0, 6, 32, 22), (.q5_1, 7, 32, 24), (.q8_0, 8, 32, 34), (.q8_1, 9, 32, 36),
            (.q2_K, 10, 256, 84), (.q3_K, 11, 256, 110), (.q4_K, 12, 256, 144), (.q5_K, 13, 256, 176),
            (.q6_K, 14, 256, 210), (.q8_K, 15, 256, 292),
        ]
        for (type, id, block, bytes) in expected {
            #expect(type.rawValue == id, "\(type)")
            #expect(type.blockSize == block, "\(type)")
            #expect(type.bytesPerBlock == bytes, "\(type)")
        }
        #expect(GGMLType.q4_1.rowByteCount(elementCount: 576) == 360)
        #expect(GGMLType.q4_1.rowByteCount(elementCount: 100) == nil)
        #expect(GGMLType(rawValue: 4) == nil)
    }

    @Test("half precision round-trips every finite half value and rounds to nearest even")
    func halfPrecision() {
        var checked = 0
        for bits in UInt16.min...UInt16.max {
            let value = HalfPrecision.float(fromBits: bits)
            if value.isNaN { continue }
            #expect(HalfPrecision.bits(from: value) == bits)
            checked += 1
        }
        #expect(checked > 63000)
        #expect(HalfPrecision.float(fromBits: 0x3C00) == 1)
        #expect(HalfPrecision.float(fromBits: 0xC000) == -2)
        #expect(HalfPrecision.float(fromBits: 0x0001) == 0x1p-24)
        #expect(HalfPrecision.bits(from: 1 + 0x1p-11) == 0x3C00)
        #expect(HalfPrecision.bits(from: 1e6) == 0x7C00)
        #expect(HalfPrecision.float(fromBits: 0x7E00).isNaN)
    }
}
