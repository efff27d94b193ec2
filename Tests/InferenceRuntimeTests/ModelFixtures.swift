import Foundation
import TestSupport
import ModelFormats
import Testing

/// Locates the committed tiny models and goldens, and the optional real checkpoints.
enum ModelFixtures {
    static var packageRoot: URL { RepositoryPaths.root }

    static let directory = packageRoot.appendingPathComponent("Tests/InferenceRuntimeTests/Fixtures")

    /// A path inside the fixtures folder.
    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }


    /// A safetensors file (in memory) holding the tensors of `source` except `dropping`, with
    /// `reshaping` given a different declared shape (same bytes) and names passed through
    /// `renaming`.
    static func rewritten(
        _ source: SafetensorsFile, dropping: String? = nil, reshaping: (String, [Int])? = nil,
        renaming: (String) -> String = { $0 }
    ) throws -> SafetensorsFile {
        var header: [String: Any] = [:]
        var data = Data()
        for name in source.tensorNames where name != dropping {
            let info = try #require(source.tensorInfo(named: name))
            let bytes = try source.tensorBytes(named: name)
            let shape = reshaping?.0 == name ? reshaping!.1 : info.shape
            header[renaming(name)] = ["dtype": info.dtype.rawValue, "shape": shape,
                                      "data_offsets": [data.count, data.count + bytes.count]]
            data.append(contentsOf: bytes.unsafeBytes)
        }
        var json = try JSONSerialization.data(withJSONObject: header)
        while json.count % 8 != 0 { json.append(0x20) }
        var file = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(json)
        file.append(data)
        return try SafetensorsFile(file: MappedFile(copying: file, name: "rewritten.safetensors"))
    }

    /// Decodes a JSON golden file from the fixtures folder.
    static func load<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        let data = try #require(FileManager.default.contents(atPath: path(relative)), "missing fixture \(relative)")
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// The BERT golden formats written by scripts/reference/make_model_goldens.py.
struct BertGoldens: Decodable {
    struct Case: Decodable {
        var text: String
        var pair: String?
        var ids: [Int]
        var type_ids: [Int]
        var hidden_states: [[[Float]]]?
        var hidden_state_samples: Samples?
        var pooled: [Float]?
        var embedding: [Float]
    }
    struct Samples: Decodable {
        var layers: [Int]
        var positions: [Int]
        var values: [[[Float]]]
    }
    struct Batch: Decodable {
        var ids: [[Int]]
        var attention_mask: [[Int]]
        var last_hidden_state: [[[Float]]]?
        var embeddings: [[Float]]
    }
    var reference: String
    var cases: [Case]
    var batch: Batch
}

/// The Llama golden formats written by scripts/reference/make_model_goldens.py.
/// tiny-llama-kquant/dequantized.json: k-quant tensors as gguf-py dequantizes them.
struct DequantizedGoldens: Decodable {
    struct Tensor: Decodable {
        var name: String
        var type: String
        var first_row: [Float]
        var last_row: [Float]
        var sum: Double
        var sum_of_squares: Double
    }
    var reference: String
    var tensors: [Tensor]
}

struct LlamaGoldens: Decodable {
    struct Logits: Decodable {
        var ids: [Int]
        var values: [Float]
    }
    struct Case: Decodable {
        var prompt: String
        var ids: [Int]
        var last_logits: [Float]?
        var top_logits: Logits?
        var sampled_logits: Logits?
        var greedy_ids: [Int]
        var greedy_margins: [Float]
        var greedy_text: String
    }
    var reference: String
    var cases: [Case]
}
