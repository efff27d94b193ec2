import Foundation
import Testing
import Tokenizers
@testable import InferenceRuntime

@Suite("Sampling and text generation")
struct TextGenerationTests {
    static let prompt = "<|im_start|>user\nwhere is my order?<|im_end|>\n<|im_start|>assistant\n"

    @Test("greedy sampling picks the first largest logit")
    func greedyPicksArgmax() throws {
        var sampler = try TokenSampler(options: .greedy)
        #expect(sampler.next(from: [0.5, 2, -1, 2]) == 1)
        #expect(TokenSampler.argmax([-3, -2, -2.5]) == 1)
    }

    @Test("seeded sampling repeats for the same seed and stays inside top-k and top-p")
    func seededSamplingIsReproducibleAndRestricted() throws {
        let logits: [Float] = (0..<50).map { Float($0 % 7) * 0.8 }
        let options = SamplingOptions(temperature: 0.9, topK: 5, topP: 1, seed: 42)
        var first = try TokenSampler(options: options), second = try TokenSampler(options: options)
        let a = (0..<200).map { _ in first.next(from: logits) }
        let b = (0..<200).map { _ in second.next(from: logits) }
        #expect(a == b)
        let topFive = Set(logits.indices.sorted { logits[$0] > logits[$1] }.prefix(5))
        #expect(Set(a).isSubset(of: topFive) && Set(a).count > 1)
        // top-p so small that only the most likely token remains.
        var nucleus = try TokenSampler(options: SamplingOptions(temperature: 1, topK: 0, topP: 0.01, seed: 1))
        let best = TokenSampler.argmax([1, 9, 3])
        #expect((0..<20).allSatisfy { _ in nucleus.next(from: [1, 9, 3]) == best })
        #expect(throws: InferenceError.self) { try TokenSampler(options: SamplingOptions(temperature: -1)) }
        #expect(throws: InferenceError.self) { try TokenSampler(options: SamplingOptions(temperature: 1, topP: 0)) }
    }

    @Test("the stop-sequence matcher holds back a possible start and cuts at the sequence")
    func stopSequenceMatcherHoldsBack() {
        var matcher = StopSequenceMatcher(stopSequences: ["END", "\n\n"])
        #expect(matcher.append("Hello E").release == "Hello ")
        #expect(matcher.append("N").release == "")
        let (release, stop) = matcher.append("Dless")
        #expect(release == "" && stop == "END" && matcher.text == "Hello ")
        var other = StopSequenceMatcher(stopSequences: ["END"])
        #expect(other.append("EN").release == "")
        #expect(other.append("ough").release == "ENough")
        #expect(other.finish() == "")
    }

    @Test("generation stops at max tokens, at a stop sequence, and streams the same text")
    func generationLimits() throws {
        let generator = try TextGenerator(path: ModelFixtures.path("tiny-llama/model.gguf"))
        let free = try generator.generate(prompt: Self.prompt, options: GenerationOptions(maxTokens: 20, stopsAtEndOfGeneration: false))
        #expect(free.tokenIDs.count == 20 && free.stopReason == .maxTokens)
        var streamed = ""
        let five = try generator.generate(prompt: Self.prompt, options: GenerationOptions(maxTokens: 5)) { streamed += $0 }
        #expect(five.tokenIDs == Array(free.tokenIDs.prefix(five.tokenIDs.count)) && five.tokenIDs.count <= 5)
        #expect(streamed == five.text)
        // Stop at a piece of text the free run produced after its first few characters.
        let text = free.text
        let cut = text.index(text.startIndex, offsetBy: min(4, text.count / 2))
        let stop = String(text[cut...].prefix(3))
        var stoppedStream = ""
        let stopped = try generator.generate(
            prompt: Self.prompt, options: GenerationOptions(maxTokens: 20, stopSequences: [stop], stopsAtEndOfGeneration: false)
        ) { stoppedStream += $0 }
        #expect(stopped.stopReason == .stopSequence(stop))
        #expect(stopped.text == String(text[..<text.range(of: stop)!.lowerBound]))
        #expect(stoppedStream == stopped.text)
        #expect(throws: InferenceError.self) {
            try generator.generate(prompt: Self.prompt, options: GenerationOptions(stopSequences: [""]))
        }
    }

    @Test("seeded sampled generations repeat for the same seed")
    func sampledGenerationRepeats() throws {
        let generator = try TextGenerator(path: ModelFixtures.path("tiny-llama/model.gguf"))
        let options = GenerationOptions(maxTokens: 16, sampling: SamplingOptions(temperature: 0.8, seed: 7))
        let first = try generator.generate(prompt: Self.prompt, options: options)
        let second = try generator.generate(prompt: Self.prompt, options: options)
        #expect(first.tokenIDs == second.tokenIDs && !first.tokenIDs.isEmpty)
    }

    @Test("a cancelled flag stops a generation")
    func cancellationStops() throws {
        let generator = try TextGenerator(path: ModelFixtures.path("tiny-llama/model.gguf"))
        let flag = CancellationFlag()
        var count = 0
        #expect(throws: InferenceError(.cancelled, "the computation was cancelled")) {
            try generator.generate(
                prompt: Self.prompt, options: GenerationOptions(maxTokens: 100, stopsAtEndOfGeneration: false),
                cancellation: flag
            ) { _ in
                count += 1
                if count == 2 { flag.cancel() }
            }
        }
    }

    @Test("bad requests give errors: empty prompt, tokens outside the vocabulary, a full cache")
    func badRequests() throws {
        let generator = try TextGenerator(path: ModelFixtures.path("tiny-llama/model.gguf"))
        #expect(throws: InferenceError.self) { try generator.generate(promptTokens: []) }
        let cache = try generator.model.makeCache(capacity: 4)
        #expect(throws: InferenceError.self) { try generator.model.forward([1, 100_000], cache: cache) }
        #expect(throws: InferenceError.self) { try generator.model.forward([1, 2, 3, 4, 5], cache: cache) }
        #expect(throws: InferenceError.self) { try generator.model.forward([], cache: cache) }
        let other = try KeyValueCache(layers: 1, capacity: 4, kvHeads: 1, headSize: 8)
        #expect(throws: InferenceError.self) { try generator.model.forward([1], cache: other) }
    }
}
