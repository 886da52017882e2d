import Text

/// Where a `Batcher` takes its pairs from: by position, their lengths alone (to plan batches) or
/// their ids (to fill one). An array of `EncodedPair`s is one; training's prepared corpus on
/// disk (memory-mapped) is another, which is why a plan never holds the pairs themselves.
public protocol PairStore: Sendable {
    /// Number of pairs; positions are 0 ..< count.
    var count: Int { get }
    /// Units of pair i's source and target, without `</s>`.
    func lengths(_ i: Int) -> (source: Int, target: Int)
    /// Pair i's ids.
    func pair(_ i: Int) -> EncodedPair
    /// The batcher is done with what it has read so far: a memory-mapped store may hand the
    /// pages it touched back to the kernel, so that reading a large corpus does not grow the
    /// process's resident memory.
    func releaseReadPages()
}

extension PairStore {
    public func releaseReadPages() {}
}

extension Array: PairStore where Element == EncodedPair {
    public func lengths(_ i: Int) -> (source: Int, target: Int) { (self[i].source.count, self[i].target.count) }
    public func pair(_ i: Int) -> EncodedPair { self[i] }
}

/// A run of consecutive pairs of a store (one corpus of several) and how often an epoch takes
/// each: `weight` 1 once, 4 four times, 0.5 half of them. An epoch takes round(weight × count)
/// pairs of the group: every pair ⌊weight⌋ times, and for a fractional rest a run of
/// consecutive pairs that moves on from epoch to epoch, so every pair comes equally often over
/// the epochs.
public struct PairGroup: Equatable, Sendable {
    public var range: Range<Int>
    public var weight: Double

    public init(range: Range<Int>, weight: Double = 1) {
        self.range = range
        self.weight = weight
    }

    /// round(weight × count): the group's slots in one epoch.
    public var slotsPerEpoch: Int { range.isEmpty ? 0 : Int((weight * Double(range.count)).rounded()) }

    /// The store position of the group's slot `slot` (0 ..< slotsPerEpoch) in `epoch`.
    public func position(ofSlot slot: Int, epoch: Int) -> Int {
        let count = range.count
        let extra = slotsPerEpoch % count
        // The fractional rest starts where the previous epoch's ended.
        let shift = extra == 0 ? 0 : (max(epoch, 0) * extra) % count
        return range.lowerBound + (slot + shift) % count
    }
}
