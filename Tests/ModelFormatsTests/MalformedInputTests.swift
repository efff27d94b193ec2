import Foundation
import ModelFormats
import Testing
import TestSupport

/// Feeds every truncation and many random byte flips of small valid files to the readers: they
/// must either parse or throw a ``ModelFormatError``, never crash.
@Suite("Malformed model files")
struct MalformedInputTests {
    @Test("every prefix of a GGUF file is rejected with an error, never a crash")
    func ggufTruncations() {
        let bytes = smallGGUF().bytes()
        var codes: [ModelFormatError.Code: Int] = [:]
        for length in 0..<bytes.count {
            do {
                _ = try GGUFFile(file: MappedFile(copying: bytes[0..<length], name: "prefix.gguf"))
                Issue.record("a \(length)-byte prefix of a \(bytes.count)-byte file parsed")
            } catch let error as ModelFormatError {
                codes[error.code, default: 0] += 1
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        print("GGUF truncations: \(bytes.count) prefixes, errors by code \(codes.map { "\($0.key.rawValue)=\($0.value)" }.sorted())")
        #expect(codes[.truncated, default: 0] > 0)
    }

    @Test("every prefix of a safetensors file is rejected with an error, never a crash")
    func safetensorsTruncations() {
        let bytes = SafetensorsBuilder.small().bytes()
        for length in 0..<bytes.count {
            #expect(throws: ModelFormatError.self, "prefix of \(length) bytes") {
                try SafetensorsFile(file: MappedFile(copying: bytes[0..<length], name: "prefix.safetensors"))
            }
        }
        print("safetensors truncations: \(bytes.count) prefixes rejected")
    }

    @Test("random byte flips give a parsed file or a ModelFormatError, never a crash")
    func randomFlips() {
        var generator = SplitMix64(seed: 0x5eed)
        let files: [(String, [UInt8])] = [("gguf", smallGGUF().bytes()), ("safetensors", SafetensorsBuilder.small().bytes())]
        var outcomes = (parsed: 0, rejected: 0)
        for (kind, original) in files {
            for _ in 0..<1500 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[position] = UInt8.random(in: 0...255, using: &generator)
                }
                do {
                    let file = MappedFile(copying: bytes, name: "flipped.\(kind)")
                    if kind == "gguf" {
                        let gguf = try GGUFFile(file: file)
                        for tensor in gguf.tensors {
                            #expect(tensor.fileRange.upperBound <= bytes.count)
                            _ = try gguf.tensorBytes(named: tensor.name).withUnsafeBytes { $0.reduce(0, &+) }
                        }
                    } else {
                        let safetensors = try SafetensorsFile(file: file)
                        for name in safetensors.tensorNames {
                            let info = try #require(safetensors.tensorInfo(named: name))
                            #expect(info.fileRange.upperBound <= bytes.count)
                            if [.f32, .f16, .bf16].contains(info.dtype) {
                                #expect(try safetensors.floats(named: name).count == info.elementCount)
                            }
                        }
                    }
                    outcomes.parsed += 1
                } catch is ModelFormatError {
                    outcomes.rejected += 1
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
        print("random flips: \(outcomes.parsed) parsed, \(outcomes.rejected) rejected")
        #expect(outcomes.rejected > 0)
        #expect(outcomes.parsed > 0)
    }
}

extension MalformedInputTests {
    @Test("the committed tiny Llama GGUF, truncated at 300 points and flipped in its header, never crashes the reader")
    func realisticGGUF() throws {
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.runtimeFixture("tiny-llama/model.gguf"))))
        let headerEnd = try GGUFFile(file: MappedFile(copying: original, name: "tiny.gguf")).dataOffset
        var rejected = 0
        for step in 0..<300 {
            let length = step < 200 ? step * headerEnd / 200 : headerEnd + (step - 200) * (original.count - headerEnd) / 100
            if (try? GGUFFile(file: MappedFile(copying: original[0..<length], name: "cut.gguf"))) == nil { rejected += 1 }
        }
        #expect(rejected == 300, "every truncated copy must be rejected")
        var generator = SplitMix64(seed: 42)
        var outcomes = (parsed: 0, rejected: 0)
        for _ in 0..<150 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                bytes[Int.random(in: 0..<headerEnd, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            do {
                let gguf = try GGUFFile(file: MappedFile(copying: bytes, name: "flipped.gguf"))
                #expect(gguf.tensors.allSatisfy { $0.fileRange.upperBound <= bytes.count })
                outcomes.parsed += 1
            } catch is ModelFormatError {
                outcomes.rejected += 1
            }
        }
        print("tiny Llama GGUF: 300 truncations rejected; 150 header flips: \(outcomes.parsed) parsed, \(outcomes.rejected) rejected")
    }
}

/// A small deterministic random number generator for reproducible fuzzing.
