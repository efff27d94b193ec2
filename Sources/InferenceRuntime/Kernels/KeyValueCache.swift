/// The keys and values of every layer for the tokens a decoder has seen, so each new token
/// attends to them without recomputing: per layer, `capacity` positions × `kvHeads` heads ×
/// `headSize` floats for keys and the same for values.
///
/// A reference type: one cache belongs to one generation at a time (it is not shared between
/// concurrent requests).
public final class KeyValueCache: @unchecked Sendable {
    // @unchecked Sendable: a cache is used by one computation at a time (the decoder's
    // generation owns it); the type only moves between threads with that computation.

    /// Number of layers.
    public let layers: Int
    /// Maximum number of positions.
    public let capacity: Int
    /// Key/value heads per layer.
    public let kvHeads: Int
    /// Floats per head.
    public let headSize: Int
    /// Positions filled so far (the next token goes to position `count`).
    public private(set) var count = 0

    let keys: AlignedFloatBuffer  // (layers, capacity, kvHeads * headSize)
    let values: AlignedFloatBuffer  // (layers, capacity, kvHeads * headSize)

    /// Allocates an empty cache.
    public init(layers: Int, capacity: Int, kvHeads: Int, headSize: Int) throws {
        guard layers > 0, capacity > 0, kvHeads > 0, headSize > 0 else {
            throw InferenceError(
                .invalidArgument,
                "a KV cache needs positive sizes, got layers \(layers), capacity \(capacity), heads \(kvHeads), head size \(headSize)")
        }
        self.layers = layers
        self.capacity = capacity
        self.kvHeads = kvHeads
        self.headSize = headSize
        keys = AlignedFloatBuffer(count: layers * capacity * kvHeads * headSize)
        values = AlignedFloatBuffer(count: layers * capacity * kvHeads * headSize)
    }

    /// Floats per position (all heads).
    public var rowWidth: Int { kvHeads * headSize }

    /// The keys of `layer` at `position` (`rowWidth` floats).
    public func keys(layer: Int, position: Int) -> UnsafeMutablePointer<Float> {
        keys.baseAddress + (layer * capacity + position) * rowWidth
    }

    /// The values of `layer` at `position` (`rowWidth` floats).
    public func values(layer: Int, position: Int) -> UnsafeMutablePointer<Float> {
        values.baseAddress + (layer * capacity + position) * rowWidth
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
    public var byteCount: Int { 2 * layers * capacity * rowWidth * MemoryLayout<Float>.stride }
}
