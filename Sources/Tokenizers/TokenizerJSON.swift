import Foundation

/// The parts of a Hugging Face `tokenizer.json` that the tokenizers here read.
struct TokenizerJSON {
    let source: String
    let root: [String: Any]
    let data: Data

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenizerError(.fileUnreadable, source: path, message: "cannot read the tokenizer file")
        }
        try self.init(data: data, source: path)
    }

    init(data: Data, source: String) throws {
        self.source = source
        self.data = data
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw TokenizerError(.malformedFile, source: source, message: "not valid JSON (\(error.localizedDescription))")
        }
        guard let root = object as? [String: Any] else {
            throw TokenizerError(.malformedFile, source: source, message: "the top level is not a JSON object")
        }
        self.root = root
    }

    func object(_ key: String, in parent: [String: Any]? = nil) throws -> [String: Any] {
        guard let value = (parent ?? root)[key] as? [String: Any] else {
            throw TokenizerError(.missingEntry, source: source, key: key, message: "expected an object")
        }
        return value
    }

    func optionalObject(_ key: String, in parent: [String: Any]? = nil) -> [String: Any]? {
        (parent ?? root)[key] as? [String: Any]
    }

    var model: [String: Any] { get throws { try object("model") } }

    func modelType() throws -> String {
        guard let type = try model["type"] as? String else {
            throw TokenizerError(.missingEntry, source: source, key: "model.type", message: "the model has no type")
        }
        return type
    }

    /// `model.vocab` as token → id, read byte-exactly from the file (see ``JSONVocabularyScanner``).
    func vocabulary() throws -> [ExactText: Int] {
        guard try model["vocab"] is [String: Any] else {
            throw TokenizerError(.missingEntry, source: source, key: "model.vocab", message: "expected an object of token ids")
        }
        var scanner = JSONVocabularyScanner(data: data, source: source)
        var vocabulary: [ExactText: Int] = [:]
        for (token, id) in try scanner.vocabulary() where vocabulary[exact: token] == nil {
            vocabulary[exact: token] = id
        }
        return vocabulary
    }

    /// `added_tokens`.
    func addedTokens() throws -> [AddedToken] {
        guard let list = root["added_tokens"] else { return [] }
        guard let entries = list as? [[String: Any]] else {
            throw TokenizerError(.malformedFile, source: source, key: "added_tokens", message: "expected an array of objects")
        }
        return try entries.map { entry in
            guard let content = entry["content"] as? String, let id = (entry["id"] as? NSNumber)?.intValue, id >= 0 else {
                throw TokenizerError(.malformedFile, source: source, key: "added_tokens", message: "an entry lacks content or id")
            }
            return AddedToken(
                content: content, id: id, isSpecial: entry["special"] as? Bool ?? false,
                stripsLeft: entry["lstrip"] as? Bool ?? false, stripsRight: entry["rstrip"] as? Bool ?? false)
        }
    }

    /// `truncation.max_length`, if truncation is configured.
    func truncationLength() -> Int? {
        (optionalObject("truncation")?["max_length"] as? NSNumber)?.intValue
    }
}
