import Foundation
import ModelFormats
import Testing
import TestSupport

@Suite("GGUF reader")
struct GGUFFileTests {
    @Test("reads metadata of every type, nested arrays and typed accessors")
    func readsMetadata() throws {
        let gguf = try GGUFFile(file: MappedFile(copying: smallGGUF().bytes(), name: "small.gguf"))
        #expect(gguf.version == 3)
        #expect(try gguf.string("general.architecture") == "llama")
        #expect(try gguf.int("llama.block_count") == 2)
        #expect(try gguf.double("llama.rope.freq_base") == 10000)
        #expect(try gguf.bool("flag"))
        #expect(try gguf.int("big") == 1 << 40)
        #expect(try gguf.int("small") == -3)
        #expect(try gguf.stringArray("tokenizer.ggml.tokens") == ["a", "b"])
        let nested = try #require(gguf.value("nested")?.arrayValue)
        #expect(nested.count == 2)
        #expect(nested[0].arrayValue?.compactMap(\.intValue) == [1, 2])
        #expect(gguf.metadataKeys.first == "general.architecture")
    }

    @Test("reads a version 2 file the same as version 3")
    func readsVersion2() throws {
        var builder = smallGGUF()
        builder.version = 2
        let v2 = try GGUFFile(file: MappedFile(copying: builder.bytes(), name: "v2.gguf"))
        let v3 = try GGUFFile(file: MappedFile(copying: smallGGUF().bytes(), name: "v3.gguf"))
        #expect(v2.version == 2)
        #expect(v2.metadata == v3.metadata)
        #expect(v2.tensors == v3.tensors)
    }

    @Test("honours a custom general.alignment for the data section and tensor offsets")
    func customAlignment() throws {
        var builder = smallGGUF()
        builder.alignment = 64
        builder.metadata = builder.metadata.map { $0.0 == "general.alignment" ? ($0.0, .uint32(64)) : $0 }
        let gguf = try GGUFFile(file: MappedFile(copying: builder.bytes(), name: "a64.gguf"))
        #expect(gguf.alignment == 64)
        #expect(gguf.dataOffset % 64 == 0)
        #expect(try #require(gguf.tensorInfo(named: "norm.weight")).offset == 64)
        builder.metadata = builder.metadata.map { $0.0 == "general.alignment" ? ($0.0, .uint32(48)) : $0 }
        let error = #expect(throws: ModelFormatError.self) { try GGUFFile(file: MappedFile(copying: builder.bytes(), name: "a48.gguf")) }
        #expect(error?.code == .invalidValue)
        #expect(error?.subject == "general.alignment")
    }

    @Test("reads tensor infos, aligns the data section and exposes bytes without copying")
    func readsTensors() throws {
        let bytes = smallGGUF().bytes()
        let gguf = try GGUFFile(file: MappedFile(copying: bytes, name: "small.gguf"))
        #expect(gguf.alignment == 32)
        #expect(gguf.dataOffset % 32 == 0)
        #expect(gguf.tensors.map(\.name) == ["token_embd.weight", "norm.weight"])
        let embedding = try #require(gguf.tensorInfo(named: "token_embd.weight"))
        #expect(embedding.type == .q8_0)
        #expect(embedding.dimensions == [32, 1])
        #expect(embedding.byteCount == 34)
        let norm = try #require(gguf.tensorInfo(named: "norm.weight"))
        #expect(norm.offset == 64)
        let data = try gguf.tensorBytes(named: "norm.weight")
        #expect(data.count == 16)
        data.withUnsafeBytes { raw in
            #expect(Array(raw) == (0..<16).map { UInt8($0) })
        }
        let q8 = try gguf.tensorBytes(named: "token_embd.weight")
        #expect(q8.withUnsafeBytes { Int8(bitPattern: $0[2]) } == -16)
    }

    @Test("names the key and the stored type when a typed accessor is misused")
    func typedAccessorErrors() throws {
        let gguf = try GGUFFile(file: MappedFile(copying: smallGGUF().bytes(), name: "small.gguf"))
        let missing = #expect(throws: ModelFormatError.self) { try gguf.int("llama.context_length") }
        #expect(missing?.code == .missingKey)
        #expect(missing?.description.contains("llama.context_length") == true)
        let wrong = #expect(throws: ModelFormatError.self) { try gguf.string("llama.block_count") }
        #expect(wrong?.code == .wrongKeyType)
        #expect(wrong?.description.contains("uint32") == true)
        let noTensor = #expect(throws: ModelFormatError.self) { try gguf.tensorBytes(named: "output.weight") }
        #expect(noTensor?.code == .missingTensor)
    }

    @Test("rejects a wrong magic, an unsupported version and an unknown ggml type")
    func rejectsBadHeaders() throws {
        var bytes = smallGGUF().bytes()
        bytes[0] = UInt8(ascii: "X")
        let magic = #expect(throws: ModelFormatError.self) { try GGUFFile(file: MappedFile(copying: bytes, name: "m.gguf")) }
        #expect(magic?.code == .wrongMagic)

        var v1 = smallGGUF()
        v1.version = 1
        let version = #expect(throws: ModelFormatError.self) { try GGUFFile(file: MappedFile(copying: v1.bytes(), name: "v.gguf")) }
        #expect(version?.code == .unsupportedVersion)
        #expect(version?.offset == 4)

        var unknown = smallGGUF()
        unknown.typeIDOverrides = ["norm.weight": 99]
        let raw = unknown.bytes()
        let type = #expect(throws: ModelFormatError.self) { try GGUFFile(file: MappedFile(copying: raw, name: "t.gguf")) }
        #expect(type?.code == .unknownGGMLType)
        #expect(type?.subject == "norm.weight")
    }

    @Test("rejects tensors out of range, misaligned or with a shape that breaks the block size")
    func rejectsBadTensors() throws {
        var outOfRange = smallGGUF()
        outOfRange.tensors[1].data = []
        let bytes = outOfRange.bytes()
        let truncatedData = #expect(throws: ModelFormatError.self) {
            try GGUFFile(file: MappedFile(copying: bytes, name: "r.gguf"))
        }
        #expect(truncatedData?.code == .tensorOutOfRange)
        #expect(truncatedData?.subject == "norm.weight")

        var badShape = smallGGUF()
        badShape.tensors = [("q", [16], .q8_0, Array(repeating: 0, count: 34))]
        let shape = #expect(throws: ModelFormatError.self) { try GGUFFile(file: MappedFile(copying: badShape.bytes(), name: "s.gguf")) }
        #expect(shape?.code == .shapeMismatch)

        var misaligned = smallGGUF()
        misaligned.alignment = 8
        misaligned.tensors = [
            ("a", [2], .f32, Array(repeating: 0, count: 8)),
            ("b", [2], .f32, Array(repeating: 0, count: 8)),
        ]
        let aligned = #expect(throws: ModelFormatError.self) {
            try GGUFFile(file: MappedFile(copying: misaligned.bytes(), name: "a.gguf"))
        }
        #expect(aligned?.code == .misalignedTensor)
        #expect(aligned?.subject == "b")
    }

    @Test(
        "reads the real SmolLM2 GGUF",
        .enabled(if: RepositoryPaths.hasModel(Checkpoints.smolLM2), RepositoryPaths.missingModelReason(Checkpoints.smolLM2)))
    func readsSmolLM2() throws {
        let path = try #require(RepositoryPaths.model(Checkpoints.smolLM2))
        let gguf = try GGUFFile(path: path)
        #expect(try gguf.string("general.architecture") == "llama")
        #expect(try gguf.stringArray("tokenizer.ggml.tokens").count == 49152)
        #expect(gguf.tensors.count == 272)
        let types = Set(gguf.tensors.map(\.type))
        print("SmolLM2: \(gguf.tensors.count) tensors, types \(types.map(\.name).sorted())")
        #expect(types.contains(.q4_1))
    }
}

