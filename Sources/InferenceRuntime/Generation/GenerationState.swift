import Tokenizers

/// The per-token decisions of one generation, shared by the synchronous and the async loops:
/// pick the next token, stream its text (held back while it could start a stop sequence),
/// and tell when to stop.
struct GenerationState {
    /// What to do after a step.
    enum Step: Equatable {
        /// Run `token` through the model next; `text` is newly released text (may be empty).
        case next(token: Int, text: String)
        /// Stop; `text` is the remaining released text.
        case finished(GenerationStopReason, text: String)
    }

    private let options: GenerationOptions
    private let stopIDs: Set<Int>
    private var sampler: TokenSampler
    private var matcher: StopSequenceMatcher
    private var decoder: StreamingTextDecoder
    private let cacheCapacity: Int
    private(set) var generated: [Int] = []

    /// The text released so far (cut before a stop sequence).
    var text: String { matcher.text }

    init(options: GenerationOptions, endOfGenerationIDs: Set<Int>, tokenizer: ByteLevelBPETokenizer,
         cacheCapacity: Int) throws {
        try options.validate()
        self.options = options
        stopIDs = options.stopTokenIDs.union(options.stopsAtEndOfGeneration ? endOfGenerationIDs : [])
        sampler = try TokenSampler(options: options.sampling)
        matcher = StopSequenceMatcher(stopSequences: options.stopSequences)
        decoder = tokenizer.makeStreamingDecoder(skipSpecialTokens: true)
        self.cacheCapacity = cacheCapacity
    }

    /// Decides the step after the model produced `logits`, with `cached` positions filled.
    mutating func step(logits: [Float], cached: Int) -> Step {
        if generated.count >= options.maxTokens { return .finished(.maxTokens, text: flush()) }
        let token = sampler.next(from: logits)
        generated.append(token)
        if stopIDs.contains(token) { return .finished(.endOfGeneration, text: flush()) }
        let (release, stop) = matcher.append(decoder.append(token))
        if let stop { return .finished(.stopSequence(stop), text: release) }
        if generated.count >= options.maxTokens { return .finished(.maxTokens, text: release + flush()) }
        if cached >= cacheCapacity { return .finished(.contextFull, text: release + flush()) }
        return .next(token: token, text: release)
    }

    /// Releases what the decoder and the matcher still hold.
    private mutating func flush() -> String {
        let rest = decoder.finish()
        let released = rest.isEmpty ? "" : matcher.append(rest).release
        return released + matcher.finish()
    }
}
