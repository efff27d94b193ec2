import Foundation
import Testing

/// Loads the committed goldens and the optional real checkpoints.
enum TokenizerFixtures {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let directory = packageRoot.appendingPathComponent("Tests/TokenizersTests/Fixtures")

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    /// `SUPPORT_MODELS_DIR`, or `models/` at the package root.
    static var modelsDirectory: URL {
        if let custom = ProcessInfo.processInfo.environment["SUPPORT_MODELS_DIR"], !custom.isEmpty {
            return URL(fileURLWithPath: custom)
        }
        return packageRoot.appendingPathComponent("models")
    }

    /// The path of a checkpoint file, or nil (printing why the test skips) when absent.
    static func model(_ relative: String) -> String? {
        let path = modelsDirectory.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: path) { return path }
        print("skipped: \(relative) not found under \(modelsDirectory.path); run scripts/fetch-models.sh")
        return nil
    }

    struct Corpus: Decodable {
        var texts: [String]
    }

    struct WordPieceGoldens: Decodable {
        struct Truncated: Decodable {
            var text: Int
            var pair: Int?
            var max_length: Int
            var ids: [Int]
            var type_ids: [Int]
            var offsets: [Int]
        }
        var reference: String
        var count: Int
        var ids: [[Int]]
        var offsets: [[Int]]
        var truncated: [Truncated]
    }

    struct BPEGoldens: Decodable {
        var reference: String
        var count: Int
        var ids: [[Int]]
    }

    static let corpus: [String] = {
        let data = FileManager.default.contents(atPath: path("corpus.json")) ?? Data()
        return (try? JSONDecoder().decode(Corpus.self, from: data).texts) ?? []
    }()

    static func load<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        let data = try #require(FileManager.default.contents(atPath: path(relative)), "missing fixture \(relative)")
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// Pairs of flattened offsets as ranges.
    static func ranges(_ flat: [Int]) -> [Range<Int>] {
        stride(from: 0, to: flat.count, by: 2).map { flat[$0]..<flat[$0 + 1] }
    }

    /// A printable form of a string for mismatch reports.
    static func show(_ text: String) -> String {
        text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
    }
}
