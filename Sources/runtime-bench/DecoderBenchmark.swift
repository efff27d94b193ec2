import Foundation
import InferenceRuntime
import Tokenizers

/// SmolLM2-135M-Instruct Q4_1: prompt tokens/s for the peer script's 54-token chat prompt from
/// an empty cache, then generation tokens/s for 64 greedy tokens (one forward and one arg-max
/// per token), over 4 repeats of which the first is a warm-up.
struct DecoderBenchmark {
    /// The peer script's prompt; its first 54 tokens are timed.
    static let prompt = "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
        + "<|im_start|>user\nMy phone case arrived broken and the screen protector is cracked. "
        + "Can I get a refund or a replacement for it, please?<|im_end|>\n<|im_start|>assistant\n"
    static let promptTokens = 54
    static let generatedTokens = 64

    var modelPath: String
    var backend: KernelBackend
    var engine: String

    func run(threads: Int) throws -> [BenchmarkFigure] {
        let generator = try TextGenerator(path: modelPath)
        let pool = ComputeThreadPool(threadCount: threads)
        let tokens = Array(generator.tokenizer.encode(Self.prompt).prefix(Self.promptTokens))
        guard tokens.count == Self.promptTokens else {
            throw BenchmarkError("the prompt has only \(tokens.count) tokens")
        }
        var promptRates: [Double] = [], generationRates: [Double] = []
        for repeat_ in 0..<4 {
            let cache = try generator.model.makeCache(capacity: 512)
            let t0 = Stopwatch.now()
            var logits = try generator.model.forward(tokens, cache: cache, pool: pool, backend: backend)
            let t1 = Stopwatch.now()
            var next = TokenSampler.argmax(logits)
            let t2 = Stopwatch.now()
            for _ in 0..<Self.generatedTokens {
                logits = try generator.model.forward([next], cache: cache, pool: pool, backend: backend)
                next = TokenSampler.argmax(logits)
            }
            let t3 = Stopwatch.now()
            if repeat_ == 0 { continue }
            promptRates.append(Double(Self.promptTokens) / (t1 - t0))
            generationRates.append(Double(Self.generatedTokens) / (t3 - t2))
        }
        return [
            BenchmarkFigure(figure: "decoder_prompt_tokens_per_s", workload: "prompt\(Self.promptTokens)",
                            engine: engine, threads: threads, samples: promptRates, unit: "tokens/s"),
            BenchmarkFigure(figure: "decoder_generation_tokens_per_s", workload: "gen\(Self.generatedTokens)",
                            engine: engine, threads: threads, samples: generationRates, unit: "tokens/s"),
        ]
    }
}
