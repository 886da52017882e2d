import Text

/// A sentence pair as vocabulary ids, without `<s>` or `</s>` (the batch adds them).
public struct EncodedPair: Equatable, Sendable {
    public var source: [Int32]
    public var target: [Int32]

    public init(source: [Int32], target: [Int32]) {
        self.source = source
        self.target = target
    }
}

/// How big a batch may be.
public enum BatchSize: Equatable, Sendable {
    /// At most this many sentence pairs.
    case sentences(Int)
    /// At most this many padded positions, B × max(S, T) with S and T counting `</s>` and `<s>`:
    /// the size of the largest [time × batch] array the batch makes.
    case tokens(Int)
}

/// What `Batcher` left out, for the one warning line the caller prints.
public struct SkippedPairs: Equatable, Sendable {
    /// Pairs with an empty source or target.
    public var empty: Int
    /// Pairs with a side longer than `maxLength` tokens.
    public var tooLong: Int
    /// Pairs given, skipped ones included.
    public var total: Int
    public var maxLength: Int

    public init(empty: Int, tooLong: Int, total: Int, maxLength: Int) {
        self.empty = empty
        self.tooLong = tooLong
        self.total = total
        self.maxLength = maxLength
    }

    /// One line such as `skipped 12 of 29000 pairs: 2 empty, 10 longer than 50 tokens`,
    /// or nil if nothing was skipped.
    public var warning: String? {
        guard empty + tooLong > 0 else { return nil }
        return "skipped \(empty + tooLong) of \(total) pairs: \(empty) empty, \(tooLong) longer than \(maxLength) tokens"
    }
}

/// Cuts a corpus into padded batches, one epoch at a time. Pairs are sorted by source length,
/// then target length, so a batch holds sentences of similar length and little padding; equal
/// lengths are ordered at random, then the batches are shuffled. The randomness comes from the
/// seed and the epoch number alone, so an epoch's batches are the same on every run, and
/// resuming needs only the epoch and the position in it. Every usable pair is in exactly one
/// batch per epoch (weighted groups: as often as their weight says, see `PairGroup`).
///
/// A large corpus is planned a window at a time, so that a plan holds no more than a window's
/// positions: the epoch's slots (each group's pairs, as often as its weight says) are cut into
/// blocks of `blockSize` consecutive slots, the blocks shuffled, and every `windowBlocks` of
/// them sorted and cut into batches together (the batches shuffled within the window). A
/// corpus of at most one window's slots is one window: the whole corpus sorted at once, with
/// its blocks in order. Consecutive slots are neighbours on disk, so a window reads few pages.
public struct Batcher: Sendable {
    public let store: any PairStore
    public let groups: [PairGroup]
    public let size: BatchSize
    public let maxLength: Int
    public let seed: UInt64
    public let blockSize: Int
    public let windowBlocks: Int
    /// Distinct pairs that are batched (not empty, not too long).
    public let usableCount: Int
    public let skipped: SkippedPairs

    /// The pairs of an array, each once per epoch.
    public init(pairs: [EncodedPair], size: BatchSize, maxLength: Int, seed: UInt64) throws {
        try self.init(store: pairs, groups: [PairGroup(range: 0..<pairs.count)], size: size, maxLength: maxLength, seed: seed)
    }

    /// Counts the pairs that are skipped, empty or with a side longer than `maxLength` units
    /// (`skipped`; they are left out of every batch). Throws if a size is not positive, or if a
    /// token budget cannot hold the longest usable pair on its own.
    public init(store: any PairStore, groups: [PairGroup], size: BatchSize, maxLength: Int, seed: UInt64,
                blockSize: Int = 1024, windowBlocks: Int = 64) throws {
        switch size {
        case .sentences(let n) where n < 1, .tokens(let n) where n < 1:
            throw TextError.invalidArgument("batch size must be positive, got \(size)")
        default:
            break
        }
        guard maxLength >= 1 else { throw TextError.invalidArgument("maximum length must be positive, got \(maxLength)") }
        guard blockSize >= 1, windowBlocks >= 1 else { throw TextError.invalidArgument("block and window sizes must be positive") }
        for group in groups where group.weight < 0 || !group.weight.isFinite || group.range.upperBound > store.count {
            throw TextError.invalidArgument("pair group \(group.range) with weight \(group.weight) does not fit a store of \(store.count) pairs")
        }
        var skipped = SkippedPairs(empty: 0, tooLong: 0, total: store.count, maxLength: maxLength)
        var usable = 0, longest = 0
        for i in 0..<store.count {
            let (source, target) = store.lengths(i)
            if source == 0 || target == 0 {
                skipped.empty += 1
            } else if source > maxLength || target > maxLength {
                skipped.tooLong += 1
            } else {
                usable += 1
                longest = max(longest, max(source, target) + 1)
            }
            if i % 1_000_000 == 999_999 { store.releaseReadPages() }
        }
        store.releaseReadPages()
        if case .tokens(let budget) = size, longest > budget {
            throw TextError.invalidArgument(
                "token budget \(budget) is smaller than the longest pair (\(longest) tokens with </s>); raise it or lower the maximum length")
        }
        self.store = store
        self.groups = groups
        self.size = size
        self.maxLength = maxLength
        self.seed = seed
        self.blockSize = blockSize
        self.windowBlocks = windowBlocks
        self.usableCount = usable
        self.skipped = skipped
    }

    /// Positions in the store of the pairs that are batched, in order (a list as long as the
    /// corpus: for tests and small corpora).
    public var usable: [Int] { (0..<store.count).filter(isUsable) }

    func isUsable(_ i: Int) -> Bool {
        let (source, target) = store.lengths(i)
        return source > 0 && target > 0 && source <= maxLength && target <= maxLength
    }

    /// The batches of `epoch`, as positions in the store, in training order.
    public func plan(epoch: Int) -> EpochPlan { EpochPlan(batcher: self, epoch: epoch) }

    /// All batches of `epoch`, in training order.
    public func batches(epoch: Int) -> [Batch] {
        plan(epoch: epoch).map(batch)
    }

    /// The batch of the pairs at `indices` in the store.
    public func batch(_ indices: [Int]) -> Batch {
        let pairs = indices.map(store.pair)
        return Batch(sources: pairs.map(\.source), targets: pairs.map(\.target), indices: indices)
    }

    /// Real target tokens (`</s>` included) of the pairs at `indices`, from their lengths alone.
    public func targetTokenCount(_ indices: [Int]) -> Int {
        indices.reduce(0) { $0 + store.lengths($1).target + 1 }
    }

    /// The batches of the slots `slots` (sorted, cut and shuffled with `generator`).
    func batches(ofSlots slots: [Int], epoch: Int, generator: inout SplitMix64) -> [[Int]] {
        var keyed: [(index: Int, source: Int, target: Int, tieBreak: UInt64)] = []
        keyed.reserveCapacity(slots.count)
        for slot in slots {
            let index = position(ofSlot: slot, epoch: epoch)
            let (source, target) = store.lengths(index)
            guard source > 0, target > 0, source <= maxLength, target <= maxLength else { continue }
            keyed.append((index, source, target, generator.next()))
        }
        keyed.sort { a, b in
            if a.source != b.source { return a.source < b.source }
            if a.target != b.target { return a.target < b.target }
            return a.tieBreak < b.tieBreak
        }
        var plan = Self.chunk(Array(keyed.indices), size: size) { max(keyed[$0].source, keyed[$0].target) + 1 }
            .map { $0.map { keyed[$0].index } }
        generator.shuffle(&plan)
        return plan
    }

    /// Slots of one epoch: each group's `slotsPerEpoch`, one group after the other.
    var slotCount: Int { groups.reduce(0) { $0 + $1.slotsPerEpoch } }

    func position(ofSlot slot: Int, epoch: Int) -> Int {
        var rest = slot
        for group in groups {
            if rest < group.slotsPerEpoch { return group.position(ofSlot: rest, epoch: epoch) }
            rest -= group.slotsPerEpoch
        }
        preconditionFailure("slot \(slot) beyond the epoch's \(slotCount)")
    }

    /// Source-only batches for translation, shortest sentences first so batches pad little.
    /// `Batch.indices` gives each sentence's position in `sources`, to restore input order.
    /// Every sentence is included, even an empty one (it still has its `</s>`).
    public static func sourceBatches(_ sources: [[Int32]], size: BatchSize) -> [Batch] {
        let order = sources.indices.sorted { (sources[$0].count, $0) < (sources[$1].count, $1) }
        return chunk(order, size: size) { sources[$0].count + 1 }.map { indices in
            Batch(sources: indices.map { sources[$0] }, targets: nil, indices: indices)
        }
    }

    /// Consecutive runs of `order`; a token budget is checked against the padded size the batch
    /// would have with the next item added. An item larger than the budget gets a batch alone.
    private static func chunk(_ order: [Int], size: BatchSize, paddedLength: (Int) -> Int) -> [[Int]] {
        var batches: [[Int]] = []
        switch size {
        case .sentences(let n):
            var start = 0
            while start < order.count {
                batches.append(Array(order[start..<min(start + n, order.count)]))
                start += n
            }
        case .tokens(let budget):
            var current: [Int] = []
            var longest = 0
            for i in order {
                let length = max(longest, paddedLength(i))
                if !current.isEmpty && (current.count + 1) * length > budget {
                    batches.append(current)
                    current = []
                    longest = 0
                }
                current.append(i)
                longest = max(longest, paddedLength(i))
            }
            if !current.isEmpty { batches.append(current) }
        }
        return batches
    }
}
