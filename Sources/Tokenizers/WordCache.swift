import Synchronization

/// A bounded cache from pre-tokenized words (their UTF-8 bytes) to their BPE token ids, shared by all users of a
/// tokenizer. Cleared when it grows past its capacity.
final class WordCache: Sendable {
    private let storage = Mutex<[[UInt8]: [Int32]]>([:])
    private let capacity: Int

    init(capacity: Int = 65_536) {
        self.capacity = capacity
    }

    func ids(for word: [UInt8]) -> [Int32]? {
        storage.withLock { $0[word] }
    }

    func store(_ ids: [Int32], for word: [UInt8]) {
        storage.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[word] = ids
        }
    }
}
