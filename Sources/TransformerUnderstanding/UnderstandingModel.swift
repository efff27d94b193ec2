import Foundation
import InferenceRuntime
import ModelFormats
import SupportModel
import Tokenizers
import Understanding

/// The understanding model: multilingual-e5-small (pruned vocabulary) whose top layers were
/// fine-tuned by `training/nlu/train.py`, with four heads over them: intent (softmax, with a
/// calibrated temperature), sentiment (softmax), escalation cues (independent sigmoids with
/// thresholds chosen for recall) and per-token BIO tags over the seven entity types.
///
/// One folder: `model.gguf` (e5's embeddings and 12 layers in e5's own 4-bit blocks, the
/// fine-tuned layers in Q8_0 under `nlu.encoder.layer.N`, the heads, and the labels and
/// calibration as `support.nlu.*` metadata) and `tokenizer.json` (the pruned Unigram
/// vocabulary). The same encoder's own top layers serve knowledge-base retrieval.
public final class UnderstandingModel: Sendable {
    /// The name of the fine-tuned top-layer variant in the file.
    public static let variant = "nlu"
    /// The folder the model was read from.
    public let directory: String
    /// The model's name (`general.name` in the file).
    public let name: String
    public let tokenizer: UnigramTokenizer
    public let encoder: BertEncoder
    /// Intent labels, in head order.
    public let intents: [Intent]
    /// Sentiment labels, in head order.
    public let sentiments: [SentimentLabel]
    /// Escalation cue labels, in head order.
    public let cues: [EscalationCueKind]
    /// Per tag: the entity type and whether it begins a span; nil type for `O`.
    let tags: [(type: EntityType?, begins: Bool)]
    /// The calibrated intent temperature (logits are divided by it).
    public let temperature: Double
    /// The probability from which each cue counts.
    public let cueThresholds: [Double]
    /// Text put before every message (`query: `, as e5 was trained).
    public let prefix: String
    /// Longest input in tokens, the prefix and specials included.
    public let maximumTokens: Int

    private let heads: [String: (weight: [Float], bias: [Float], outputs: Int)]

    /// Reads the model folder. Every missing or malformed file, tensor or label is a clear
    /// error naming it.
    public init(directory: String, maximumTokens: Int = 256) throws {
        self.directory = directory
        let modelPath = (directory as NSString).appendingPathComponent("model.gguf")
        let tokenizerPath = (directory as NSString).appendingPathComponent("tokenizer.json")
        guard FileManager.default.fileExists(atPath: modelPath), FileManager.default.fileExists(atPath: tokenizerPath) else {
            throw UnderstandingModelError("\(directory) must hold model.gguf and tokenizer.json")
        }
        let gguf: GGUFFile
        do {
            gguf = try GGUFFile(path: modelPath)
        } catch {
            throw UnderstandingModelError("\(modelPath) is not a readable GGUF file: \(error)")
        }
        do {
            tokenizer = try UnigramTokenizer(tokenizerJSON: tokenizerPath)
        } catch {
            throw UnderstandingModelError("\(tokenizerPath): \(error)")
        }
        func labels(_ key: String) throws -> [String] {
            do {
                return try gguf.stringArray("support.nlu.\(key)")
            } catch {
                throw UnderstandingModelError("\(modelPath): metadata support.nlu.\(key) is missing or not a list of text")
            }
        }
        func mapped<T>(_ key: String, _ make: (String) -> T?) throws -> [T] {
            try labels(key).map { name in
                guard let value = make(name) else { throw UnderstandingModelError("\(modelPath): unknown label \(name) in support.nlu.\(key)") }
                return value
            }
        }
        name = (try? gguf.string("general.name")) ?? "understanding"
        intents = try mapped("intents", Intent.init(rawValue:))
        sentiments = try mapped("sentiments", SentimentLabel.init(rawValue:))
        cues = try mapped("cues", EscalationCueKind.init(rawValue:))
        tags = try mapped("tags") { name -> (type: EntityType?, begins: Bool)? in
            if name == "O" { return (nil, false) }
            let parts = name.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2, let type = EntityType(rawValue: parts[1]), parts[0] == "B" || parts[0] == "I" else { return nil }
            return (type, parts[0] == "B")
        }
        do {
            temperature = try gguf.double("support.nlu.temperature")
            cueThresholds = try gguf.doubleArray("support.nlu.cue_thresholds")
            prefix = try gguf.string("support.nlu.prefix")
            let shared = try gguf.int("support.nlu.shared_layers")
            encoder = try BertEncoder(gguf: gguf, variants: [Self.variant: shared])
        } catch let error as UnderstandingModelError {
            throw error
        } catch {
            throw UnderstandingModelError("\(modelPath): \(error)")
        }
        guard temperature > 0, cueThresholds.count == cues.count else {
            throw UnderstandingModelError("\(modelPath): the temperature or the cue thresholds do not fit the labels")
        }
        guard tokenizer.vocabularySize == encoder.config.vocabularySize else {
            throw UnderstandingModelError(
                "\(tokenizerPath) has \(tokenizer.vocabularySize) pieces; the model has \(encoder.config.vocabularySize)")
        }
        let hidden = encoder.config.hiddenSize
        var heads: [String: (weight: [Float], bias: [Float], outputs: Int)] = [:]
        for (name, outputs) in [("intent", intents.count), ("sentiment", sentiments.count), ("cues", cues.count), ("tags", tags.count)] {
            guard let weightInfo = gguf.tensorInfo(named: "nlu.heads.\(name).weight"), weightInfo.shape == [outputs, hidden],
                let biasInfo = gguf.tensorInfo(named: "nlu.heads.\(name).bias"), biasInfo.shape == [outputs]
            else {
                throw UnderstandingModelError("\(modelPath): head \(name) is missing or not (\(outputs), \(hidden))")
            }
            let weight = try QuantizedMatrix(
                type: weightInfo.type, rows: outputs, columns: hidden, bytes: try gguf.tensorBytes(named: weightInfo.name))
            let bias = try QuantizedMatrix(
                type: biasInfo.type, rows: 1, columns: outputs, bytes: try gguf.tensorBytes(named: biasInfo.name))
            heads[name] = (try weight.dequantized().scalars, try bias.dequantized().scalars, outputs)
        }
        self.heads = heads
        self.maximumTokens = min(maximumTokens, encoder.config.maximumPositions)
    }

    /// The shipped model's folder relative to a checkout or an installation.
    public static let shippedPath = "assets/models/understanding"

    /// Where the shipped model is, looked for in order: an installation's
    /// `share/support-worker/models/understanding` beside the executable's `bin`, then
    /// `assets/models/understanding` in the current folder or one of its parents, then in the
    /// executable's folder or one of its parents (`swift run`, `.build/debug`). Throws, naming
    /// every place looked at, when none holds a model.
    public static func defaultDirectory(
        executable: String? = Bundle.main.executablePath, currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> String {
        var candidates: [String] = []
        func ancestors(of path: String) -> [String] {
            var folders: [String] = []
            var url = URL(fileURLWithPath: path).standardizedFileURL
            for _ in 0..<8 {
                folders.append(url.path)
                let parent = url.deletingLastPathComponent()
                if parent.path == url.path { break }
                url = parent
            }
            return folders
        }
        if let executable {
            let bin = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            candidates.append(bin.deletingLastPathComponent().appendingPathComponent("share/support-worker/models/understanding").path)
        }
        candidates += ancestors(of: currentDirectory).map { ($0 as NSString).appendingPathComponent(shippedPath) }
        if let executable {
            let bin = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().path
            candidates += ancestors(of: bin).map { ($0 as NSString).appendingPathComponent(shippedPath) }
        }
        var seen: Set<String> = []
        for folder in candidates where seen.insert(folder).inserted {
            if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("model.gguf")) { return folder }
        }
        throw UnderstandingModelError(
            "no understanding model found (looked for model.gguf in \(seen.count) places, first \(candidates.first ?? "-")); "
                + "pass --nlu-model DIR, or --nlu rules to understand messages with the rules alone")
    }

    /// The model's input for `text`: token ids of the prefix and the text (cut to
    /// `maximumTokens`), and for each token the range of `text` it stands for (nil for the
    /// specials and the prefix).
    public func input(_ text: String) -> (ids: [Int], ranges: [Range<Int>?]) {
        let encoding = tokenizer.encode(prefix + text, maximumLength: maximumTokens)
        let shift = prefix.unicodeScalars.count
        let ranges: [Range<Int>?] = zip(encoding.offsets, encoding.specialTokensMask).map { range, special in
            guard special == 0, range.upperBound > shift else { return nil }
            return max(0, range.lowerBound - shift)..<(range.upperBound - shift)
        }
        return (encoding.ids, ranges)
    }

    /// What the heads read from the fine-tuned layers' token states (length, hidden) of `text`.
    public func read(tokenStates: Tensor, ranges: [Range<Int>?], text: String) -> ModelReading {
        let hidden = encoder.config.hiddenSize
        let count = tokenStates.shape[0]
        var mean = [Float](repeating: 0, count: hidden)
        for row in 0..<count {
            for j in 0..<hidden { mean[j] += tokenStates.scalars[row * hidden + j] }
        }
        for j in 0..<hidden { mean[j] /= Float(max(1, count)) }

        let intentLogits = apply("intent", mean).map { Double($0) / temperature }
        let intentProbabilities = Self.softmax(intentLogits)
        let ranked = zip(intents, intentProbabilities).map { IntentScore(intent: $0, probability: $1) }
            .sorted { $0.probability > $1.probability }
        let sentimentProbabilities = Self.softmax(apply("sentiment", mean).map(Double.init))
        let best = sentimentProbabilities.indices.max { sentimentProbabilities[$0] < sentimentProbabilities[$1] } ?? 0
        let cueProbabilities = apply("cues", mean).map { 1 / (1 + exp(-Double($0))) }
        var foundCues: [EscalationCueKind: Double] = [:]
        for (index, kind) in cues.enumerated() where cueProbabilities[index] >= cueThresholds[index] {
            foundCues[kind] = cueProbabilities[index]
        }

        // Per-token tags → spans over the text.
        var spans: [ModelReading.Span] = []
        let scalars = Array(text.unicodeScalars)
        var current: (type: EntityType, start: Int, end: Int)?
        func close() {
            if let span = current, let trimmed = Self.trim(span.start..<span.end, in: scalars, type: span.type) {
                spans.append(ModelReading.Span(type: span.type, range: trimmed))
            }
            current = nil
        }
        for row in 0..<min(count, ranges.count) {
            guard let range = ranges[row] else { continue }
            let logits = apply("tags", Array(tokenStates.scalars[(row * hidden)..<((row + 1) * hidden)]))
            let tag = tags[logits.indices.max { logits[$0] < logits[$1] } ?? 0]
            guard let type = tag.type else {
                close()
                continue
            }
            if tag.begins || current?.type != type {
                close()
                current = (type, range.lowerBound, range.upperBound)
            } else {
                current!.end = max(current!.end, range.upperBound)
            }
        }
        close()
        return ModelReading(
            intents: ranked, sentiment: Sentiment(label: sentiments[best], score: sentimentProbabilities[best]),
            cues: foundCues, spans: spans)
    }

    /// The head's outputs for one input vector.
    private func apply(_ name: String, _ input: [Float]) -> [Float] {
        let head = heads[name]!
        let width = input.count
        return (0..<head.outputs).map { row in
            var sum = head.bias[row]
            for j in 0..<width { sum += head.weight[row * width + j] * input[j] }
            return sum
        }
    }

    static func softmax(_ logits: [Double]) -> [Double] {
        let top = logits.max() ?? 0
        let exps = logits.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    /// A span without the spaces and separators at its edges (a token's `▁` stands for the
    /// space before a word), and without the `#` before an order number.
    static func trim(_ range: Range<Int>, in scalars: [Unicode.Scalar], type: EntityType) -> Range<Int>? {
        var start = range.lowerBound, end = min(range.upperBound, scalars.count)
        func isEdge(_ s: Unicode.Scalar) -> Bool {
            s.properties.isWhitespace || "，,。.：:；;、!！?？()（）[]【】\"'“”‘’".unicodeScalars.contains(s)
                || (type == .orderID && (s == "#" || s == "＃"))
        }
        while start < end && isEdge(scalars[start]) { start += 1 }
        while end > start && isEdge(scalars[end - 1]) && !(type == .amount && scalars[end - 1] == ".") { end -= 1 }
        return start < end ? start..<end : nil
    }
}

/// What the understanding model read in one message.
public struct ModelReading: Sendable, Equatable {
    /// An entity span the tags mark, in Unicode scalars of the message.
    public struct Span: Sendable, Equatable {
        public var type: EntityType
        public var range: Range<Int>

        public init(type: EntityType, range: Range<Int>) {
            self.type = type
            self.range = range
        }
    }

    /// Intents by calibrated probability, highest first.
    public var intents: [IntentScore]
    public var sentiment: Sentiment
    /// The cues above their thresholds, with their probabilities.
    public var cues: [EscalationCueKind: Double]
    public var spans: [Span]

    public init(intents: [IntentScore], sentiment: Sentiment, cues: [EscalationCueKind: Double], spans: [Span]) {
        self.intents = intents
        self.sentiment = sentiment
        self.cues = cues
        self.spans = spans
    }
}

/// The understanding model cannot be loaded.
public struct UnderstandingModelError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
