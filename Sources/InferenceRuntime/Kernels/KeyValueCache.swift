import CInferenceKernels
import ModelFormats

/// The keys and values of every layer for the tokens a decoder has seen, so each new token
/// attends to them without recomputing: per layer, `capacity` positions × `kvHeads` heads ×
/// `headSize` values for keys and the same for values, stored as f16 (the default, as
/// llama.cpp stores them: half the memory and half the bytes attention reads per token) or f32.
///
/// A reference type that belongs to one generation at a time: it is handed over with the
/// generation (region-based isolation, `sending`), never shared, so it is not `Sendable`.
public final class KeyValueCache {
    /// How keys and values are stored.
    public enum Precision: Sendable, Equatable {
        /// 16-bit floats.
        case float16
        /// 32-bit floats.
        case float32

        /// Bytes per stored value.
        public var byteSize: Int { self == .float16 ? 2 : 4 }
    }

    /// Number of layers.
    public let layers: Int
    /// Maximum number of positions.
    public let capacity: Int
    /// Key/value heads per layer.
    public let kvHeads: Int
    /// Values per head.
    public let headSize: Int
    /// How values are stored.
    public let precision: Precision
    /// Positions filled so far (the next token goes to position `count`).
    public private(set) var count = 0

    private let keys: AlignedFloatBuffer  // (layers, capacity, kvHeads * headSize) values
    private let values: AlignedFloatBuffer  // (layers, capacity, kvHeads * headSize) values

    /// Allocates an empty cache.
    public init(layers: Int, capacity: Int, kvHeads: Int, headSize: Int, precision: Precision = .float16) throws {
        guard layers > 0, capacity > 0, kvHeads > 0, headSize > 0 else {
            throw InferenceError(
                .invalidArgument,
                "a KV cache needs positive sizes, got layers \(layers), capacity \(capacity), heads \(kvHeads), head size \(headSize)")
        }
        self.layers = layers
        self.capacity = capacity
        self.kvHeads = kvHeads
        self.headSize = headSize
        self.precision = precision
        let floats = (layers * capacity * kvHeads * headSize * precision.byteSize + 3) / 4
        keys = AlignedFloatBuffer(count: floats)
        values = AlignedFloatBuffer(count: floats)
    }

    /// Values per position (all heads).
    public var rowWidth: Int { kvHeads * headSize }

    /// The stored keys of `layer` from `position` on (`rowWidth` values per position, in
    /// `precision`).
    func keyRows(layer: Int, position: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(keys.baseAddress) + ((layer * capacity + position) * rowWidth) * precision.byteSize
    }

    /// The stored values of `layer` from `position` on.
    func valueRows(layer: Int, position: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(values.baseAddress) + ((layer * capacity + position) * rowWidth) * precision.byteSize
    }

    /// Writes `tokens` rows of keys and values (`rowWidth` floats each) for `layer` at positions
    /// `position ..< position + tokens`, converting to the cache's precision.
    public func store(
        keys newKeys: UnsafePointer<Float>, values newValues: UnsafePointer<Float>, layer: Int,
        position: Int, tokens: Int
    ) throws {
        guard layer >= 0, layer < layers, position >= 0, tokens >= 0, position + tokens <= capacity else {
            throw InferenceError(
                .invalidArgument,
                "cannot store \(tokens) positions at \(position) of layer \(layer) in a cache of \(layers) layers × \(capacity) positions")
        }
        let count = tokens * rowWidth
        for (source, target) in [(newKeys, keyRows(layer: layer, position: position)),
                                 (newValues, valueRows(layer: layer, position: position))] {
            switch precision {
            case .float32:
                target.copyMemory(from: source, byteCount: count * 4)
            case .float16:
                Self.convert(source, to: target.assumingMemoryBound(to: UInt16.self), count: count)
            }
        }
    }

    /// Reads back the keys or values of one position as floats (for tests and inspection).
    public func row(layer: Int, position: Int, keys readKeys: Bool = true) throws -> [Float] {
        guard layer >= 0, layer < layers, position >= 0, position < capacity else {
            throw InferenceError(.invalidArgument, "no position \(position) of layer \(layer) in this cache")
        }
        let source = readKeys ? keyRows(layer: layer, position: position) : valueRows(layer: layer, position: position)
        return (0..<rowWidth).map { index in
            precision == .float32
                ? source.load(fromByteOffset: index * 4, as: Float.self)
                : HalfPrecision.float(fromBits: source.load(fromByteOffset: index * 2, as: UInt16.self))
        }
    }

    /// Marks `tokens` more positions as filled, after every layer has written them.
    public func advance(by tokens: Int) throws {
        guard tokens >= 0, count + tokens <= capacity else {
            throw InferenceError(
                .invalidArgument, "the KV cache holds \(capacity) positions; \(count) + \(tokens) do not fit")
        }
        count += tokens
    }

    /// Forgets every position from `length` on (keeps a shared prefix, or empties with 0).
    public func truncate(to length: Int) {
        count = max(0, min(count, length))
    }

    /// Bytes held by keys and values.
    public var byteCount: Int { 2 * layers * capacity * rowWidth * precision.byteSize }

    /// f32 to f16 (round to nearest even), vectorized where the CPU allows.
    static func convert(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<UInt16>, count: Int) {
        #if arch(x86_64)
        if KernelBackend.best == .avx2 {
            cik_fp32_to_fp16_avx2(source, target, count)
            return
        }
        #endif
        for index in 0..<count { target[index] = HalfPrecision.bits(from: source[index]) }
    }
}
