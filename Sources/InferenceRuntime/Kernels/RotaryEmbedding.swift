import Foundation

/// Rotary position embeddings (RoPE) as llama.cpp applies them to GGUF Llama weights: each pair
/// of dimensions (2i, 2i+1) of a head is rotated by the angle p·θᵢ, θᵢ = base^(−2i/d), with the
/// angles built by repeated float multiplication as ggml does (so positions match it bit for
/// bit). The GGUF converter permutes Q and K weights so that this adjacent-pair form equals
/// the Hugging Face "rotate half" form on the original weights; `.halves` applies the latter.
public struct RotaryEmbedding: Sendable, Equatable {
    /// Which dimensions form a rotated pair.
    public enum Pairing: Sendable, Equatable {
        /// (2i, 2i+1): GGUF / llama.cpp "normal" RoPE.
        case adjacent
        /// (i, i + d/2): Hugging Face `rotate_half` / GPT-NeoX.
        case halves
    }

    /// The number of rotated dimensions at the start of each head (even).
    public let dimensions: Int
    /// The frequency base (10 000 for Llama 2, 100 000 for SmolLM2).
    public let base: Float
    /// How dimensions are paired.
    public let pairing: Pairing

    /// Creates the rotation for `dimensions` rotated dimensions per head.
    public init(dimensions: Int, base: Float, pairing: Pairing = .adjacent) throws {
        guard dimensions > 0, dimensions % 2 == 0, base > 0, base.isFinite else {
            throw InferenceError(
                .invalidConfiguration,
                "rotary embedding needs an even positive dimension count and a positive base, got \(dimensions), \(base)")
        }
        self.dimensions = dimensions
        self.base = base
        self.pairing = pairing
    }

    /// cos and sin of the angle of each pair at `position` (`dimensions / 2` each).
    public func angles(at position: Int) -> (cos: [Float], sin: [Float]) {
        let scale = powf(base, -2 / Float(dimensions))
        var theta = Float(position)
        var cosines = [Float](repeating: 0, count: dimensions / 2)
        var sines = [Float](repeating: 0, count: dimensions / 2)
        for pair in 0..<(dimensions / 2) {
            cosines[pair] = cosf(theta)
            sines[pair] = sinf(theta)
            theta *= scale
        }
        return (cosines, sines)
    }

    /// Rotates `heads` heads of `headSize` floats (`headSize` apart, starting at `x`) for a
    /// token at `position`. Dimensions past `dimensions` are left as they are.
    public func apply(
        _ x: UnsafeMutablePointer<Float>, heads: Int, headSize: Int, position: Int
    ) {
        let (cosines, sines) = angles(at: position)
        apply(x, heads: heads, headSize: headSize, cos: cosines, sin: sines)
    }

    /// Rotates with precomputed `angles(at:)`.
    public func apply(
        _ x: UnsafeMutablePointer<Float>, heads: Int, headSize: Int, cos: [Float], sin: [Float]
    ) {
        let half = dimensions / 2
        for head in 0..<heads {
            let v = x + head * headSize
            for pair in 0..<half {
                let (i, j) = pairing == .adjacent ? (2 * pair, 2 * pair + 1) : (pair, pair + half)
                let x0 = v[i], x1 = v[j]
                v[i] = x0 * cos[pair] - x1 * sin[pair]
                v[j] = x0 * sin[pair] + x1 * cos[pair]
            }
        }
    }
}
