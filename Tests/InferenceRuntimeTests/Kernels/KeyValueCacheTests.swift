import Testing
@testable import InferenceRuntime

@Suite("KV cache")
struct KeyValueCacheTests {
    @Test("stores keys and values in f16 or f32 and reads them back", arguments: [KeyValueCache.Precision.float16, .float32])
    func storesRows(precision: KeyValueCache.Precision) throws {
        let cache = try KeyValueCache(layers: 2, capacity: 5, kvHeads: 2, headSize: 8, precision: precision)
        var random = TestRandom(seed: 9)
        let keys = random.floats(3 * 16, -4, 4), values = random.floats(3 * 16, -4, 4)
        try keys.withUnsafeBufferPointer { k in
            try values.withUnsafeBufferPointer { v in
                try cache.store(keys: k.baseAddress!, values: v.baseAddress!, layer: 1, position: 2, tokens: 3)
            }
        }
        let tolerance: Float = precision == .float16 ? 4e-3 : 0
        for t in 0..<3 {
            #expect(maximumDifference(try cache.row(layer: 1, position: 2 + t), Array(keys[(16 * t)..<(16 * t + 16)])) <= tolerance)
            #expect(maximumDifference(try cache.row(layer: 1, position: 2 + t, keys: false), Array(values[(16 * t)..<(16 * t + 16)])) <= tolerance)
        }
        #expect(try cache.row(layer: 0, position: 2).allSatisfy { $0 == 0 })
        #expect(cache.byteCount == 2 * 2 * 5 * 16 * precision.byteSize)
        try cache.advance(by: 5)
        #expect(throws: InferenceError.self) { try cache.advance(by: 1) }
        cache.truncate(to: 2)
        #expect(cache.count == 2)
        #expect(throws: InferenceError.self) {
            try keys.withUnsafeBufferPointer { k in
                try cache.store(keys: k.baseAddress!, values: k.baseAddress!, layer: 0, position: 4, tokens: 2)
            }
        }
        #expect(throws: InferenceError.self) { try KeyValueCache(layers: 0, capacity: 1, kvHeads: 1, headSize: 1) }
    }
}
