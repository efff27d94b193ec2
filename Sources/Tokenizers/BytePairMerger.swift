/// Applies BPE merges to the symbols of one word, lowest rank first and leftmost first among
/// equal ranks, with a binary heap over candidate pairs and a linked list over symbols, so a
/// word of n symbols takes O(n log n).
struct BytePairMerger: Sendable {
    /// Rank and merged token id of a pair of token ids.
    struct Merge: Sendable {
        var rank: Int32
        var result: Int32
    }

    /// (left id << 32 | right id) → merge.
    let merges: [UInt64: Merge]

    @inline(__always)
    static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    /// Merges `symbols` in place and returns the final token ids.
    func merge(_ symbols: [Int32]) -> [Int32] {
        let count = symbols.count
        if count < 2 { return symbols }
        if count <= 12 { return mergeShort(symbols) }
        var ids = symbols
        var next = Array(1...count)  // next[i] == count means none
        var previous = Array(-1..<(count - 1))
        var alive = Array(repeating: true, count: count)
        var heap = CandidateHeap()
        for index in 0..<(count - 1) {
            if let merge = merges[Self.key(ids[index], ids[index + 1])] {
                heap.push(Candidate(rank: merge.rank, position: Int32(index), left: ids[index], right: ids[index + 1]))
            }
        }
        while let candidate = heap.pop() {
            let position = Int(candidate.position)
            guard alive[position], ids[position] == candidate.left else { continue }
            let rightPosition = next[position]
            guard rightPosition < count, ids[rightPosition] == candidate.right,
                let merge = merges[Self.key(candidate.left, candidate.right)]
            else { continue }
            ids[position] = merge.result
            alive[rightPosition] = false
            let after = next[rightPosition]
            next[position] = after
            if after < count { previous[after] = position }
            let before = previous[position]
            if before >= 0, let left = merges[Self.key(ids[before], ids[position])] {
                heap.push(Candidate(rank: left.rank, position: Int32(before), left: ids[before], right: ids[position]))
            }
            if after < count, let right = merges[Self.key(ids[position], ids[after])] {
                heap.push(Candidate(rank: right.rank, position: Int32(position), left: ids[position], right: ids[after]))
            }
        }
        var result: [Int32] = []
        var index = 0
        while index < count {
            result.append(ids[index])
            index = next[index]
        }
        return result
    }

    /// The simple quadratic loop, faster for the short words that make up most text.
    private func mergeShort(_ symbols: [Int32]) -> [Int32] {
        var ids = symbols
        while ids.count > 1 {
            var best: (rank: Int32, index: Int, result: Int32)?
            for index in 0..<(ids.count - 1) {
                if let merge = merges[Self.key(ids[index], ids[index + 1])], merge.rank < (best?.rank ?? .max) {
                    best = (merge.rank, index, merge.result)
                }
            }
            guard let best else { break }
            ids[best.index] = best.result
            ids.remove(at: best.index + 1)
        }
        return ids
    }

    struct Candidate {
        var rank: Int32
        var position: Int32
        var left: Int32
        var right: Int32

        @inline(__always)
        func precedes(_ other: Candidate) -> Bool {
            rank != other.rank ? rank < other.rank : position < other.position
        }
    }

    /// A binary min-heap of candidates ordered by (rank, position).
    struct CandidateHeap {
        private var items: [Candidate] = []

        mutating func push(_ item: Candidate) {
            items.append(item)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard items[child].precedes(items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }

        mutating func pop() -> Candidate? {
            guard let first = items.first else { return nil }
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    let right = left + 1
                    var smallest = parent
                    if left < items.count && items[left].precedes(items[smallest]) { smallest = left }
                    if right < items.count && items[right].precedes(items[smallest]) { smallest = right }
                    if smallest == parent { break }
                    items.swapAt(parent, smallest)
                    parent = smallest
                }
            }
            return first
        }
    }
}
