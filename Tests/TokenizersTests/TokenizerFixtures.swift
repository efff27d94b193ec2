import Foundation
import TestSupport
import Testing

/// Loads the committed goldens and the optional real checkpoints.
enum TokenizerFixtures {
    static var packageRoot: URL { RepositoryPaths.root }

    static let directory = packageRoot.appendingPathComponent("Tests/TokenizersTests/Fixtures")

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }


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
