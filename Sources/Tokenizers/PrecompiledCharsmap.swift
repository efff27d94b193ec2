import Foundation

/// SentencePiece's precompiled normalization map (`Precompiled` normalizer of a Hugging Face
/// `tokenizer.json`, `nmt_nfkc` for XLM-R): a Darts-clone double-array trie keyed by the UTF-8
/// bytes of a source string, whose leaves point into a blob of NUL-terminated replacements.
///
/// Layout of the decoded base64: a little-endian u32 trie size in bytes, the trie's u32 units,
/// then the replacement strings. A unit holds: `has_leaf` (bit 8), `value` (low 31 bits), a
/// label (`unit & 0x800000FF`) and an offset (`(unit >> 10) << ((unit & 0x200) >> 6)`); the
/// root's offset gives the first node, and each key byte XORs into the node index.
struct PrecompiledCharsmap: Sendable {
    private let units: [UInt32]
    private let replacements: [UInt8]

    /// Reads the base64 `precompiled_charsmap`; `source` names the file in errors.
    init(base64: String, source: String) throws {
        guard let data = Data(base64Encoded: base64) else {
            throw TokenizerError(
                .malformedFile, source: source, key: "normalizer.precompiled_charsmap", message: "not valid base64")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 4 else {
            throw TokenizerError(
                .malformedFile, source: source, key: "normalizer.precompiled_charsmap", message: "shorter than its header")
        }
        let trieSize = Int(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
        guard trieSize % 4 == 0, trieSize >= 4, 4 + trieSize <= bytes.count else {
            throw TokenizerError(
                .malformedFile, source: source, key: "normalizer.precompiled_charsmap",
                message: "the trie size \(trieSize) does not fit the \(bytes.count - 4) bytes that follow")
        }
        var units = [UInt32](repeating: 0, count: trieSize / 4)
        for index in units.indices {
            let at = 4 + index * 4
            units[index] =
                UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        self.units = units
        self.replacements = Array(bytes[(4 + trieSize)...])
    }

    private static func hasLeaf(_ unit: UInt32) -> Bool { (unit >> 8) & 1 == 1 }
    private static func value(_ unit: UInt32) -> Int { Int(unit & 0x7FFF_FFFF) }
    private static func label(_ unit: UInt32) -> UInt32 { unit & 0x8000_00FF }
    private static func offset(_ unit: UInt32) -> Int { Int((unit >> 10) << ((unit & 0x200) >> 6)) }

    /// The replacement of the shortest prefix of `key` that the map holds, or nil (as
    /// `tokenizers` does: the first result of a common-prefix search; a NUL byte ends the key).
    /// The caller replaces the whole key with it.
    func replacement(for key: [UInt8]) -> [Unicode.Scalar]? {
        guard !units.isEmpty else { return nil }
        var node = Self.offset(units[0])
        for byte in key {
            if byte == 0 { return nil }
            node ^= Int(byte)
            guard node >= 0, node < units.count else { return nil }
            let unit = units[node]
            guard Self.label(unit) == UInt32(byte) else { return nil }
            node ^= Self.offset(unit)
            guard node >= 0, node < units.count else { return nil }
            if Self.hasLeaf(unit) { return replacement(at: Self.value(units[node])) }
        }
        return nil
    }

    private func replacement(at start: Int) -> [Unicode.Scalar]? {
        guard start >= 0, start <= replacements.count else { return nil }
        var end = start
        while end < replacements.count && replacements[end] != 0 { end += 1 }
        guard let text = String(validating: replacements[start..<end], as: UTF8.self) else { return nil }
        return Array(text.unicodeScalars)
    }
}
