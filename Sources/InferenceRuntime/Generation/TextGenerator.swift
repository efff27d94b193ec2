import Foundation
import ModelFormats
import Tokenizers

/// Generates text with a `LlamaDecoder` and its byte-level BPE tokenizer: the prompt in one
/// batch, then one token at a time with greedy or seeded sampling, streaming text deltas,
/// stopping at end-of-generation tokens, stop sequences or `maxTokens`, and checking a
/// `CancellationFlag` between tokens (and layers).
public final class TextGenerator: Sendable {
    /// The model.
    public let model: LlamaDecoder
    /// Its tokenizer.
    public let tokenizer: ByteLevelBPETokenizer
    /// Tokens that end a generation: the tokenizer's end-of-sequence token and the usual
    /// end-of-turn tokens present in the vocabulary (`<|im_end|>`, `<|endoftext|>`, …).
    public let endOfGenerationIDs: Set<Int>

    /// Token texts treated as end-of-generation when the vocabulary has them (as llama.cpp does).
    static let endOfGenerationTexts = ["<|endoftext|>", "<|im_end|>", "<|eot_id|>", "<|end|>", "</s>", "<end_of_turn>"]

    /// Wraps a model and its tokenizer.
    public init(model: LlamaDecoder, tokenizer: ByteLevelBPETokenizer) {
        self.model = model
        self.tokenizer = tokenizer
        var ids = Set(Self.endOfGenerationTexts.compactMap { tokenizer.id(for: $0) })
        if let eos = tokenizer.endOfSequenceID { ids.insert(eos) }
        endOfGenerationIDs = ids
    }

    /// Loads the model and the tokenizer from one GGUF file.
    public convenience init(path: String) throws {
        let gguf = try GGUFFile(path: path)
        self.init(model: try LlamaDecoder(gguf: gguf), tokenizer: try ByteLevelBPETokenizer(gguf: gguf))
    }

    /// Generates after `prompt` (tokenized with special tokens parsed, so chat markup such as
    /// `<|im_start|>` becomes its token), on the calling thread; `onText` receives each delta.
    public func generate(
        prompt: String, options: GenerationOptions = GenerationOptions(),
        pool: ComputeThreadPool? = nil, cancellation: CancellationFlag? = nil,
        onText: (String) -> Void = { _ in }
    ) throws -> GenerationResult {
        try generate(
            promptTokens: tokenizer.encode(prompt), options: options, pool: pool,
            cancellation: cancellation, onText: onText)
    }

    /// Generates after the token ids `promptTokens`, on the calling thread.
    public func generate(
        promptTokens: [Int], options: GenerationOptions = GenerationOptions(),
        pool: ComputeThreadPool? = nil, cancellation: CancellationFlag? = nil,
        onText: (String) -> Void = { _ in }
    ) throws -> GenerationResult {
        let cache = try makeCache(promptTokens: promptTokens, options: options)
        var state = try GenerationState(
            options: options, endOfGenerationIDs: endOfGenerationIDs, tokenizer: tokenizer,
            cacheCapacity: cache.capacity)
        let promptStart = Self.now()
        var logits = try model.forward(promptTokens, cache: cache, pool: pool, cancellation: cancellation)
        let generationStart = Self.now()
        while true {
            try cancellation?.check()
            switch state.step(logits: logits, cached: cache.count) {
            case .next(let token, let text):
                if !text.isEmpty { onText(text) }
                logits = try model.forward([token], cache: cache, pool: pool, cancellation: cancellation)
            case .finished(let reason, let text):
                if !text.isEmpty { onText(text) }
                return result(state, reason, promptTokens.count, promptStart, generationStart)
            }
        }
    }

    /// Generates after `prompt` from async code: every model step runs as its own job on
    /// `pool` (so other requests' steps and encoder batches interleave with this generation),
    /// and the calling task's cancellation stops it between (and within) steps.
    public func generate(
        prompt: String, options: GenerationOptions = GenerationOptions(), pool: ComputeThreadPool,
        onText: @Sendable (String) -> Void = { _ in }
    ) async throws -> GenerationResult {
        let promptTokens = tokenizer.encode(prompt)
        let cache = try makeCache(promptTokens: promptTokens, options: options)
        var state = try GenerationState(
            options: options, endOfGenerationIDs: endOfGenerationIDs, tokenizer: tokenizer,
            cacheCapacity: cache.capacity)
        let model = self.model
        // The cache moves to the pool thread for each step and back; this task awaits the step
        // before it reads the cache again, so the two never use it at once.
        let handedOver = HandedOver(cache)
        let promptStart = Self.now()
        var logits = try await pool.run { flag in
            try model.forward(promptTokens, cache: handedOver.value, pool: pool, cancellation: flag)
        }
        let generationStart = Self.now()
        while true {
            try Task.checkCancellation()
            switch state.step(logits: logits, cached: cache.count) {
            case .next(let token, let text):
                if !text.isEmpty { onText(text) }
                logits = try await pool.run { flag in
                    try model.forward([token], cache: handedOver.value, pool: pool, cancellation: flag)
                }
            case .finished(let reason, let text):
                if !text.isEmpty { onText(text) }
                return result(state, reason, promptTokens.count, promptStart, generationStart)
            }
        }
    }

    private func makeCache(promptTokens: [Int], options: GenerationOptions) throws -> KeyValueCache {
        try options.validate()
        guard !promptTokens.isEmpty else {
            throw InferenceError(.invalidArgument, "the prompt has no tokens")
        }
        guard promptTokens.count <= model.config.contextLength else {
            throw InferenceError(
                .invalidArgument,
                "the prompt has \(promptTokens.count) tokens; the context holds \(model.config.contextLength)")
        }
        return try model.makeCache(capacity: min(model.config.contextLength, promptTokens.count + options.maxTokens))
    }

    private func result(
        _ state: GenerationState, _ reason: GenerationStopReason, _ promptCount: Int,
        _ promptStart: UInt64, _ generationStart: UInt64
    ) -> GenerationResult {
        GenerationResult(
            text: state.text, tokenIDs: state.generated, stopReason: reason, promptTokenCount: promptCount,
            promptSeconds: Double(generationStart - promptStart) / 1e9,
            generationSeconds: Double(Self.now() - generationStart) / 1e9)
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Streams a generation: text deltas arrive as `.text`, then one `.finished`. Model steps
    /// run on `pool` (never on the cooperative thread pool); ending the iteration early (or
    /// cancelling the consuming task) cancels the generation.
    public func stream(
        prompt: String, options: GenerationOptions = GenerationOptions(), pool: ComputeThreadPool
    ) -> AsyncThrowingStream<GenerationEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<GenerationEvent, Error>.makeStream()
        let task = Task {
            do {
                let result = try await self.generate(prompt: prompt, options: options, pool: pool) {
                    continuation.yield(.text($0))
                }
                continuation.yield(.finished(result))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
