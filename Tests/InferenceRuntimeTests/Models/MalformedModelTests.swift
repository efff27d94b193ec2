import Foundation
import ModelFormats
import Testing
@testable import InferenceRuntime

@Suite("Malformed checkpoints give errors, never crashes")
struct MalformedModelTests {
    static func bertFiles() throws -> (BertConfig, SafetensorsFile) {
        (try BertConfig(contentsOf: ModelFixtures.path("tiny-bert/config.json")),
         try SafetensorsFile(path: ModelFixtures.path("tiny-bert/model.safetensors")))
    }

    static func code(_ body: () throws -> Any) -> InferenceError.Code? {
        do {
            _ = try body()
            return nil
        } catch let error as InferenceError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test("a BERT checkpoint missing a tensor names it")
    func bertMissingTensor() throws {
        let (config, weights) = try Self.bertFiles()
        let broken = try ModelFixtures.rewritten(weights, dropping: "encoder.layer.1.output.dense.weight")
        do {
            _ = try BertEncoder(config: config, weights: broken)
            Issue.record("loading should fail")
        } catch let error as InferenceError {
            #expect(error.code == .missingTensor)
            #expect(error.debugDescription.contains("encoder.layer.1.output.dense.weight"))
        }
    }

    @Test("a BERT tensor whose shape disagrees with the config is a shape mismatch")
    func bertShapeMismatch() throws {
        var (config, weights) = try Self.bertFiles()
        let reshaped = try ModelFixtures.rewritten(weights, reshaping: ("encoder.layer.0.intermediate.dense.weight", [32, 64]))
        #expect(Self.code { try BertEncoder(config: config, weights: reshaped) } == .shapeMismatch)
        config.intermediateSize += 1
        #expect(Self.code { try BertEncoder(config: config, weights: weights) } == .shapeMismatch)
    }

    @Test("a GGUF tensor in a type the runtime cannot multiply is unsupported")
    func ggufUnknownQuantType() throws {
        var bytes = try #require(FileManager.default.contents(atPath: ModelFixtures.path("tiny-llama/model.gguf")))
        // The tensor info of blk.0.attn_q.weight: name, 2 dimensions, type (Q4_0 = 2), offset.
        let name = Data("blk.0.attn_q.weight".utf8)
        let start = try #require(bytes.range(of: name)).upperBound
        let typeOffset = start + 4 + 2 * 8
        #expect(bytes[typeOffset] == 2)
        bytes[typeOffset] = 20  // IQ4_NL: same block size, no kernel here
        let gguf = try GGUFFile(file: MappedFile(copying: bytes, name: "patched.gguf"))
        do {
            _ = try LlamaDecoder(gguf: gguf)
            Issue.record("loading should fail")
        } catch let error as InferenceError {
            #expect(error.code == .unsupportedTensorType && error.debugDescription.contains("blk.0.attn_q.weight"))
        }
    }

    @Test("encoder inputs outside the model's range are rejected")
    func encoderInputErrors() throws {
        let encoder = try BertEncoder(directory: ModelFixtures.path("tiny-bert"))
        #expect(Self.code { try encoder.encode([]) } == .invalidArgument)
        #expect(Self.code { try encoder.encode([[]]) } == .invalidArgument)
        #expect(Self.code { try encoder.encode([[2, -1, 3]]) } == .invalidArgument)
        #expect(Self.code { try encoder.encode([[2, 3]], tokenTypes: [[0]]) } == .shapeMismatch)
        #expect(Self.code { try encoder.encode([[2, 3]], tokenTypes: [[0, 7]]) } == .invalidArgument)
        let tooLong = [Int](repeating: 5, count: encoder.config.maximumPositions + 1)
        #expect(Self.code { try encoder.encode([tooLong]) } == .invalidArgument)
    }
}
