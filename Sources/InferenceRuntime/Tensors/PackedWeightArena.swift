/// One allocation holding all the packed weight matrices of a model (in huge pages where the
/// OS allows), handed out in 64-byte aligned slots: the weights a forward pass streams are
/// contiguous and cost few TLB misses.
///
/// `@unchecked Sendable`: slots are filled while the model is built (one owner) and only read
/// afterwards.
final class PackedWeightArena: @unchecked Sendable {
    /// A region of the arena for one matrix.
    struct Slot: Sendable {
        let arena: PackedWeightArena
        let offset: Int
        let count: Int
    }

    let storage: AlignedFloatBuffer
    private var offsets: [Int] = []
    private var counts: [Int] = []
    private var next = 0

    /// An arena for matrices of these float counts, handed out in order by `slot()`.
    init(counts: [Int]) {
        var total = 0
        for count in counts {
            offsets.append(total)
            total += (count + 15) / 16 * 16
        }
        self.counts = counts
        storage = AlignedFloatBuffer(count: total)
    }

    /// The next slot, in the order of the counts given at creation (nil when all are used).
    func slot() -> Slot? {
        guard next < offsets.count else { return nil }
        defer { next += 1 }
        return Slot(arena: self, offset: offsets[next], count: counts[next])
    }

    /// Floats a packed matrix of `outputs` columns and depth `inputs` needs.
    static func packedCount(outputs: Int, inputs: Int) -> Int {
        let width = PackedMatrix.panelWidth
        return (outputs + width - 1) / width * width * inputs
    }
}
