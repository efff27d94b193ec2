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
        try options.validate()
        guard !promptTokens.isEmpty else {
            throw InferenceError(.invalidArgument, "the prompt has no tokens")
        }
        let capacity = min(model.config.contextLength, promptTokens.count + options.maxTokens)
        guard promptTokens.count <= capacity, promptTokens.count <= model.config.contextLength else {
            throw InferenceError(
                .invalidArgument,
                "the prompt has \(promptTokens.count) tokens; the context holds \(model.config.contextLength)")
        }
        let cache = try model.makeCache(capacity: max(1, capacity))
        var sampler = try TokenSampler(options: options.sampling)
        let stopIDs = options.stopTokenIDs.union(options.stopsAtEndOfGeneration ? endOfGenerationIDs : [])
        var matcher = StopSequenceMatcher(stopSequences: options.stopSequences)
        var decoder = tokenizer.makeStreamingDecoder(skipSpecialTokens: true)
        var generated: [Int] = []

        let promptStart = DispatchTime.now().uptimeNanoseconds
        var logits = try model.forward(promptTokens, cache: cache, pool: pool, cancellation: cancellation)
        let generationStart = DispatchTime.now().uptimeNanoseconds
        func result(_ reason: GenerationStopReason) -> GenerationResult {
            let end = DispatchTime.now().uptimeNanoseconds
            return GenerationResult(
                text: matcher.text, tokenIDs: generated, stopReason: reason,
                promptTokenCount: promptTokens.count,
                promptSeconds: Double(generationStart - promptStart) / 1e9,
                generationSeconds: Double(end - generationStart) / 1e9)
        }
        while true {
            try cancellation?.check()
            if generated.count >= options.maxTokens {
                onText(flushed(&decoder, &matcher) + matcher.finish())
                return result(.maxTokens)
            }
            let token = sampler.next(from: logits)
            generated.append(token)
            if stopIDs.contains(token) {
                onText(flushed(&decoder, &matcher) + matcher.finish())
                return result(.endOfGeneration)
            }
            let (release, stop) = matcher.append(decoder.append(token))
            if !release.isEmpty { onText(release) }
            if let stop { return result(.stopSequence(stop)) }
            if generated.count >= options.maxTokens { continue }
            if cache.count >= cache.capacity {
                onText(flushed(&decoder, &matcher) + matcher.finish())
                return result(.contextFull)
            }
            logits = try model.forward([token], cache: cache, pool: pool, cancellation: cancellation)
        }
    }

    /// Feeds the decoder's pending bytes into the matcher and returns what that releases.
    private func flushed(_ decoder: inout StreamingTextDecoder, _ matcher: inout StopSequenceMatcher) -> String {
        let rest = decoder.finish()
        return rest.isEmpty ? "" : matcher.append(rest).release
    }

    /// Streams a generation: it runs on the pool's job thread (never on the cooperative
    /// pool); text deltas arrive as `.text`, then one `.finished`. Ending the iteration early
    /// (or cancelling the consuming task) cancels the generation.
    public func stream(
        prompt: String, options: GenerationOptions = GenerationOptions(), pool: ComputeThreadPool
    ) -> AsyncThrowingStream<GenerationEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<GenerationEvent, Error>.makeStream()
        let flag = CancellationFlag()
        continuation.onTermination = { _ in flag.cancel() }
        Task {
            do {
                let result = try await pool.run { _ in
                    try self.generate(prompt: prompt, options: options, pool: pool, cancellation: flag) {
                        continuation.yield(.text($0))
                    }
                }
                continuation.yield(.finished(result))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        return stream
    }
}
