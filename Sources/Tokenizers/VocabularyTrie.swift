/// A byte trie over a vocabulary's UTF-8 spellings, for WordPiece's longest-match-first search
/// without building candidate strings.
struct VocabularyTrie: Sendable {
    /// (node << 8 | byte) → child node.
    private var children: [UInt64: Int32] = [:]
    /// Token id ending at each node, or -1.
    private var ids: [Int32] = [-1]

    /// The root node.
    static let root: Int32 = 0

    init(tokens: [String]) {
        children.reserveCapacity(tokens.count * 4)
        for (id, token) in tokens.enumerated() where !token.isEmpty {
            var node = Self.root
            for byte in token.utf8 { node = child(of: node, byte: byte, creating: true) }
            if ids[Int(node)] < 0 { ids[Int(node)] = Int32(id) }
        }
    }

    private mutating func child(of node: Int32, byte: UInt8, creating: Bool) -> Int32 {
        let key = UInt64(UInt32(bitPattern: node)) << 8 | UInt64(byte)
        if let existing = children[key] { return existing }
        let next = Int32(ids.count)
        ids.append(-1)
        children[key] = next
        return next
    }

    /// The node reached from `node` by `byte`, or nil.
    @inline(__always)
    func step(_ node: Int32, _ byte: UInt8) -> Int32? {
        children[UInt64(UInt32(bitPattern: node)) << 8 | UInt64(byte)]
    }

    /// The node reached from `node` by the UTF-8 bytes of `text`, or nil.
    func walk(_ node: Int32, _ text: String) -> Int32? {
        var current = node
        for byte in text.utf8 {
            guard let next = step(current, byte) else { return nil }
            current = next
        }
        return current
    }

    /// The token id ending at `node`, if any.
    @inline(__always)
    func id(at node: Int32) -> Int? {
        let id = ids[Int(node)]
        return id >= 0 ? Int(id) : nil
    }

    /// The longest token starting at `scalars[start]` and ending before `end`, walking from
    /// `node`: its id and end index.
    func longestMatch(from node: Int32, in scalars: [Unicode.Scalar], start: Int, end: Int) -> (id: Int, end: Int)? {
        var current = node
        var best: (id: Int, end: Int)?
        var index = start
        scan: while index < end {
            for byte in UTF8.encode(scalars[index])! {
                guard let next = step(current, byte) else { break scan }
                current = next
            }
            index += 1
            if let id = id(at: current) { best = (id, index) }
        }
        return best
    }
}
