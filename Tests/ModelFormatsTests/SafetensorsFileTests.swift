import Foundation
import ModelFormats
import Testing
import TestSupport

@Suite("Safetensors reader")
struct SafetensorsFileTests {
    @Test("reads tensor infos, metadata and converts F32 and F16 data to floats")
    func readsSmallFile() throws {
        let file = try SafetensorsFile(file: MappedFile(copying: SafetensorsBuilder.small().bytes(), name: "small.safetensors"))
        #expect(file.tensorNames == ["b", "w"])
        #expect(file.metadata == ["format": "pt"])
        let w = try #require(file.tensorInfo(named: "w"))
        #expect(w.dtype == .f32)
        #expect(w.shape == [2, 3])
        #expect(w.fileRange.lowerBound == file.dataOffset)
        #expect(try file.floats(named: "w") == [0, 1, 2, 3, 4, 5])
        #expect(try file.floats(named: "b") == [1.5, -2])
        #expect(try file.tensorBytes(named: "b").count == 4)
    }

    @Test("reads a file from disk through a memory map")
    func readsFromDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mf-\(UUID().uuidString).safetensors")
        try Data(SafetensorsBuilder.small().bytes()).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try SafetensorsFile(path: url.path)
        #expect(try file.floats(named: "w").reduce(0, +) == 15)
    }

    @Test("reports a missing file as unreadable, naming it")
    func missingFile() {
        let error = #expect(throws: ModelFormatError.self) { try SafetensorsFile(path: "no-such-dir/model.safetensors") }
        #expect(error?.code == .fileUnreadable)
        #expect(error?.description.contains("model.safetensors") == true)
    }

    @Test("rejects a header length beyond the file")
    func headerBeyondFile() {
        var bytes = SafetensorsBuilder.small().bytes()
        bytes[0] = 0xFF
        bytes[1] = 0xFF
        let error = #expect(throws: ModelFormatError.self) { try SafetensorsFile(file: MappedFile(copying: bytes, name: "h")) }
        #expect(error?.code == .headerOutOfRange)
    }

    @Test("rejects an unknown dtype, a shape that disagrees with the byte size and data out of range")
    func rejectsBadTensors() {
        func parse(_ header: String, data: Int = 24) throws -> SafetensorsFile {
            try SafetensorsFile(
                file: MappedFile(copying: SafetensorsBuilder(header: header, data: Array(repeating: 0, count: data)).bytes(), name: "t"))
        }
        let dtype = #expect(throws: ModelFormatError.self) {
            try parse(#"{"w":{"dtype":"Q4","shape":[6],"data_offsets":[0,24]}}"#)
        }
        #expect(dtype?.code == .unknownDType)
        #expect(dtype?.subject == "w")
        let shape = #expect(throws: ModelFormatError.self) {
            try parse(#"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,24]}}"#)
        }
        #expect(shape?.code == .shapeMismatch)
        let range = #expect(throws: ModelFormatError.self) {
            try parse(#"{"w":{"dtype":"F32","shape":[8],"data_offsets":[0,32]}}"#)
        }
        #expect(range?.code == .tensorOutOfRange)
        let json = #expect(throws: ModelFormatError.self) { try parse(#"{"w": [1,2"#) }
        #expect(json?.code == .malformedHeader)
        let negative = #expect(throws: ModelFormatError.self) {
            try parse(#"{"w":{"dtype":"F32","shape":[-6],"data_offsets":[0,24]}}"#)
        }
        #expect(negative?.code == .malformedHeader)
        let converted = #expect(throws: ModelFormatError.self) {
            try parse(#"{"w":{"dtype":"I32","shape":[6],"data_offsets":[0,24]}}"#).floats(named: "w")
        }
        #expect(converted?.code == .unknownDType)
    }

    @Test(
        "reads the real all-MiniLM-L6-v2 weights",
        .enabled(if: RepositoryPaths.hasModel(Checkpoints.miniLM), RepositoryPaths.missingModelReason(Checkpoints.miniLM)))
    func readsMiniLM() throws {
        let path = try #require(RepositoryPaths.model(Checkpoints.miniLM))
        let file = try SafetensorsFile(path: path)
        #expect(file.tensors.count >= 100)
        let query = try #require(file.tensorInfo(named: "encoder.layer.0.attention.self.query.weight"))
        #expect(query.shape == [384, 384])
        #expect(query.dtype == .f32)
    }
}

@Suite("Tensor byte views")
struct TensorBytesTests {
    @Test("a view outside the file is refused with an error instead of reading past the mapping")
    func rangeOutsideFile() throws {
        let file = MappedFile(copying: [1, 2, 3, 4], name: "four")
        let inside = try TensorBytes(file: file, range: 1..<3)
        #expect(inside.withUnsafeBytes { Array($0) } == [2, 3])
        let error = #expect(throws: ModelFormatError.self) { try TensorBytes(file: file, range: 2..<9) }
        #expect(error?.code == .tensorOutOfRange)
    }
}
