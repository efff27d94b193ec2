import Foundation
import ModelFormats
import Synchronization

/// Loads each model once per process and hands out the same shared instance for the same
/// file: weights are memory-mapped (the kernel shares their pages between processes too) and
/// packed or wrapped a single time however many pools or requests use them.
public final class ModelStore: Sendable {
    private let encoders = Mutex<[String: BertEncoder]>([:])
    private let generators = Mutex<[String: TextGenerator]>([:])

    /// An empty store.
    public init() {}

    /// The BERT-family encoder in `directory` (config.json, model.safetensors), loaded on first
    /// use. `linearQuantization` (e.g. Q8_0) gives a separate, quantized instance.
    public func encoder(directory: String, linearQuantization: GGMLType? = nil) throws -> BertEncoder {
        let key = Self.key(directory) + "|" + (linearQuantization.map { "\($0)" } ?? "f32")
        if let loaded = encoders.withLock({ $0[key] }) { return loaded }
        // Loading runs outside the lock; if two callers race, the first stored instance wins.
        let encoder = try BertEncoder(directory: directory, linearQuantization: linearQuantization)
        return encoders.withLock { loaded in
            if let existing = loaded[key] { return existing }
            loaded[key] = encoder
            return encoder
        }
    }

    /// The Llama-family generator in the GGUF file at `path`, loaded on first use.
    public func generator(path: String) throws -> TextGenerator {
        let key = Self.key(path)
        if let loaded = generators.withLock({ $0[key] }) { return loaded }
        let generator = try TextGenerator(path: path)
        return generators.withLock { loaded in
            if let existing = loaded[key] { return existing }
            loaded[key] = generator
            return generator
        }
    }

    /// The number of distinct models loaded.
    public var loadedCount: Int { encoders.withLock(\.count) + generators.withLock(\.count) }

    private static func key(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
