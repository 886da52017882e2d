import Text

/// One epoch's batches as positions in a `Batcher`'s store, in training order, built a window
/// at a time (see `Batcher`): making the plan goes through every window once to count its
/// batches, and reading it builds each window again when it is reached, keeping only the
/// window being read. Reading in order (as training does) builds each window twice per epoch;
/// memory holds one window's positions, whatever the corpus size.
public final class EpochPlan: RandomAccessCollection {
    public let epoch: Int
    private let batcher: Batcher
    /// The epoch's blocks of slots in order; window w is `windowBlocks` of them from w × windowBlocks.
    private let blocks: [Int]
    private let windowCount: Int
    /// `batchStarts[w]`: the plan position of window w's first batch; the last entry is the count.
    private let batchStarts: [Int]
    private var cached: (window: Int, batches: [[Int]])?

    init(batcher: Batcher, epoch: Int) {
        self.batcher = batcher
        self.epoch = epoch
        let slots = batcher.slotCount
        let blockSize = batcher.blockSize
        let blockCount = (slots + blockSize - 1) / blockSize
        var blocks = Array(0..<blockCount)
        if blockCount > batcher.windowBlocks {
            var generator = SplitMix64(seed: Self.seed(batcher.seed, epoch: epoch) ^ 0xB10C_B10C_B10C_B10C)
            generator.shuffle(&blocks)
        }
        self.blocks = blocks
        windowCount = (blockCount + batcher.windowBlocks - 1) / batcher.windowBlocks
        var starts = [0]
        for w in 0..<windowCount {
            starts.append(starts[w] + Self.batches(batcher, blocks, w, windowCount: windowCount, epoch: epoch).count)
        }
        batchStarts = starts
    }

    /// The batcher's generator for the epoch: the seed mixed with the epoch number.
    static func seed(_ seed: UInt64, epoch: Int) -> UInt64 {
        seed ^ (UInt64(truncatingIfNeeded: epoch) &* 0xD1B5_4A32_D192_ED03)
    }

    /// Window w's batches: a window of its own generator (one window: the epoch's).
    private static func batches(_ batcher: Batcher, _ blocks: [Int], _ w: Int, windowCount: Int, epoch: Int) -> [[Int]] {
        var seed = seed(batcher.seed, epoch: epoch)
        if windowCount > 1 { seed ^= UInt64(w + 1) &* 0x9E37_79B9_7F4A_7C15 }
        var generator = SplitMix64(seed: seed)
        let slots = batcher.slotCount, size = batcher.blockSize
        let window = blocks[(w * batcher.windowBlocks)..<Swift.min((w + 1) * batcher.windowBlocks, blocks.count)]
            .flatMap { block in (block * size)..<Swift.min((block + 1) * size, slots) }
        let batches = batcher.batches(ofSlots: window, epoch: epoch, generator: &generator)
        batcher.store.releaseReadPages()
        return batches
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { batchStarts[batchStarts.count - 1] }

    /// The positions of batch k's pairs.
    public subscript(k: Int) -> [Int] {
        precondition(k >= 0 && k < endIndex, "batch \(k) of an epoch of \(endIndex)")
        // The last window whose first batch is at or before k.
        var low = 0, high = windowCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if batchStarts[middle] <= k { low = middle } else { high = middle - 1 }
        }
        if cached?.window != low { cached = (low, Self.batches(batcher, blocks, low, windowCount: windowCount, epoch: epoch)) }
        return cached!.batches[k - batchStarts[low]]
    }
}

extension EpochPlan: Equatable {
    public static func == (a: EpochPlan, b: EpochPlan) -> Bool { a.elementsEqual(b) }
}
