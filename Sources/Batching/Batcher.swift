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
/// batch per epoch.
public struct Batcher: Sendable {
    public let pairs: [EncodedPair]
    public let size: BatchSize
    public let maxLength: Int
    public let seed: UInt64
    /// Positions in `pairs` of the pairs that are batched (not empty, not too long).
    public let usable: [Int]
    public let skipped: SkippedPairs

    /// Filters out empty pairs and pairs with a side longer than `maxLength` tokens (counted in
    /// `skipped`). Throws if a size is not positive, or if a token budget cannot hold the
    /// longest usable pair on its own.
    public init(pairs: [EncodedPair], size: BatchSize, maxLength: Int, seed: UInt64) throws {
        switch size {
        case .sentences(let n) where n < 1, .tokens(let n) where n < 1:
            throw TextError.invalidArgument("batch size must be positive, got \(size)")
        default:
            break
        }
        guard maxLength >= 1 else { throw TextError.invalidArgument("maximum length must be positive, got \(maxLength)") }
        var usable: [Int] = []
        var skipped = SkippedPairs(empty: 0, tooLong: 0, total: pairs.count, maxLength: maxLength)
        for (i, pair) in pairs.enumerated() {
            if pair.source.isEmpty || pair.target.isEmpty {
                skipped.empty += 1
            } else if pair.source.count > maxLength || pair.target.count > maxLength {
                skipped.tooLong += 1
            } else {
                usable.append(i)
            }
        }
        if case .tokens(let budget) = size {
            let longest = usable.map { max(pairs[$0].source.count, pairs[$0].target.count) + 1 }.max() ?? 0
            guard longest <= budget else {
                throw TextError.invalidArgument(
                    "token budget \(budget) is smaller than the longest pair (\(longest) tokens with </s>); raise it or lower the maximum length")
            }
        }
        self.pairs = pairs
        self.size = size
        self.maxLength = maxLength
        self.seed = seed
        self.usable = usable
        self.skipped = skipped
    }

    /// The batches of `epoch`, as positions in `pairs`, in training order.
    public func plan(epoch: Int) -> [[Int]] {
        var generator = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: epoch) &* 0xD1B5_4A32_D192_ED03))
        let keyed = usable.map { (index: $0, tieBreak: generator.next()) }
        let sorted = keyed.sorted { a, b in
            let (pa, pb) = (pairs[a.index], pairs[b.index])
            if pa.source.count != pb.source.count { return pa.source.count < pb.source.count }
            if pa.target.count != pb.target.count { return pa.target.count < pb.target.count }
            return a.tieBreak < b.tieBreak
        }.map(\.index)
        var plan = Self.chunk(sorted, size: size) { i in
            max(pairs[i].source.count, pairs[i].target.count) + 1
        }
        generator.shuffle(&plan)
        return plan
    }

    /// All batches of `epoch`, in training order.
    public func batches(epoch: Int) -> [Batch] {
        plan(epoch: epoch).map(batch)
    }

    /// The batch of the pairs at `indices` in `pairs`.
    public func batch(_ indices: [Int]) -> Batch {
        Batch(sources: indices.map { pairs[$0].source }, targets: indices.map { pairs[$0].target }, indices: indices)
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
