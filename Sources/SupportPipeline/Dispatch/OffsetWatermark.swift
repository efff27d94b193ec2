/// Tracks the offsets of one partition that were received but are not finished, and the
/// watermark below which every offset is finished: the next offset to commit.
///
/// Records finish out of order (different conversations run in parallel); the committed
/// position only moves past an offset once it and every earlier received offset finished.
struct OffsetWatermark: Sendable {
    /// Received offsets in increasing order, each with whether it finished.
    private var pending: [(offset: Int64, done: Bool)] = []
    private var head = 0
    /// The next offset to consume after everything finished so far; nil until something finished.
    private(set) var committable: Int64?

    var inFlight: Int { pending.count - head }

    /// Records a received offset. Returns false for an offset at or below one already received
    /// (a duplicate delivery of something in flight or finished), which the caller drops.
    mutating func received(_ offset: Int64) -> Bool {
        if let last = pending.last, offset <= last.offset { return false }
        if let committable, offset < committable { return false }
        pending.append((offset, false))
        return true
    }

    /// Marks `offset` finished; returns the new committable position when it advanced.
    mutating func finished(_ offset: Int64) -> Int64? {
        guard let index = indexOf(offset) else { return nil }
        pending[index].done = true
        var advanced: Int64?
        while head < pending.count && pending[head].done {
            advanced = pending[head].offset + 1
            head += 1
        }
        if head > 64 && head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
        if let advanced { committable = advanced }
        return advanced
    }

    /// Whether `offset` was received and has not finished.
    func isPending(_ offset: Int64) -> Bool {
        indexOf(offset).map { !pending[$0].done } ?? false
    }

    private func indexOf(_ offset: Int64) -> Int? {
        var low = head
        var high = pending.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if pending[mid].offset == offset { return mid }
            if pending[mid].offset < offset { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }
}
