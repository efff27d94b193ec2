import Testing
@testable import InferenceRuntime

@Suite("Model store")
struct ModelStoreTests {
    @Test("loads each model once and returns the same instance for the same file")
    func loadsOnce() throws {
        let store = ModelStore()
        let first = try store.encoder(directory: ModelFixtures.path("tiny-bert"))
        let second = try store.encoder(directory: ModelFixtures.path("tiny-bert") + "/")
        #expect(first === second)
        let quantized = try store.encoder(directory: ModelFixtures.path("tiny-bert"), linearQuantization: .q8_0)
        #expect(quantized !== first && quantized.linearQuantization == .q8_0)
        let generator = try store.generator(path: ModelFixtures.path("tiny-llama/model.gguf"))
        #expect(try store.generator(path: ModelFixtures.path("tiny-llama/model.gguf")) === generator)
        #expect(store.loadedCount == 3)
        #expect(throws: (any Error).self) { try store.generator(path: ModelFixtures.path("missing.gguf")) }
    }
}
