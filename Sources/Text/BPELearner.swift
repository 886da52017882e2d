import Files

/// Learns BPE merges from tokenized text (Sennrich, Haddow & Birch 2016) and gives exactly the
/// merges subword-nmt 0.3.8's `learn_bpe` gives for the same input, line for line:
///
/// - words are split on single spaces and counted; each starts as its characters (Unicode
///   scalars), the last one carrying the end-of-word mark `</w>`;
/// - each step merges the most frequent adjacent pair; ties go to the pair whose symbols compare
///   greater by code point (Python's `max` over `(count, pair)`);
/// - learning stops early when the best pair occurs fewer than `minFrequency` times.
///
/// Only words that contain the merged pair are touched in a step: an index from each pair to the
/// words holding it gives them, and the pair counts around each merge site are updated in place.
/// subword-nmt also keeps its search for the best pair short by pruning rare pairs into a
/// second table and reloading them when the kept ones run low. Its bookkeeping there is not
/// exact (a pruned pair's count can be replaced by a recent change), and which pair wins a step
/// can depend on it, so it is reproduced here as is.
///
/// Feed text with `add(line:)` or `add(contentsOf:)`, then call `learn(merges:minFrequency:)`.
/// Several inputs add up to one joint vocabulary (like concatenating the files).
public struct BPELearner {
    /// Word (UTF-8 bytes) → number in `wordBytes`, in order of first appearance.
    private var wordIndex: [[UInt8]: Int] = [:]
    private var wordBytes: [[UInt8]] = []
    private var wordCounts: [Int] = []

    public init() {}

    /// Number of distinct words seen so far.
    public var wordTypeCount: Int { wordBytes.count }

    /// Counts the space-separated words of one line. Like subword-nmt, it trims spaces, CR and
    /// LF at both ends and splits on the space character only.
    public mutating func add(line: String) {
        var line = line
        line.withUTF8 { bytes in
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                var lower = start
                var upper = i
                // A CR or LF can only survive at the ends of the line, so trimming every word
                // of them trims the line.
                while lower < upper, bytes[lower] == 0x0D || bytes[lower] == 0x0A { lower += 1 }
                while upper > lower, bytes[upper - 1] == 0x0D || bytes[upper - 1] == 0x0A { upper -= 1 }
                if upper > lower { count(Array(bytes[lower..<upper])) }
                start = i + 1
            }
        }
    }

    /// Counts the words of every line of a file.
    public mutating func add(contentsOf path: String) throws {
        let reader = try LineReader(path: path)
        while let line = try reader.next() { add(line: line) }
    }

    private mutating func count(_ word: [UInt8]) {
        if let index = wordIndex[word] {
            wordCounts[index] += 1
        } else {
            wordIndex[word] = wordBytes.count
            wordBytes.append(word)
            wordCounts.append(1)
        }
    }

    /// Learns up to `count` merges.
    public func learn(merges count: Int, minFrequency: Int = 2) -> BPEMerges {
        var state = LearningState(words: wordBytes, counts: wordCounts)
        var merges: [BPEMerges.Merge] = []
        merges.reserveCapacity(count)
        for step in 0..<count {
            guard let pair = state.nextPair(step: step, minFrequency: minFrequency) else { break }
            merges.append(BPEMerges.Merge(state.string(pair.left), state.string(pair.right)))
            state.merge(pair, step: step)
        }
        return BPEMerges(merges, version: .v0_2)
    }
}

/// A pair of adjacent symbols, packed into one integer for hashing.
private struct SymbolPair: Hashable {
    let packed: UInt64

    init(_ left: Int32, _ right: Int32) {
        packed = UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    var left: Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: packed >> 32)) }
    var right: Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: packed)) }
}

/// The mutable part of learning, following learn_bpe.py's data structures one for one.
private struct LearningState {
    /// Symbol text as UTF-8 bytes; comparing bytes orders like comparing code points.
    var symbols: [[UInt8]] = []
    var symbolIDs: [[UInt8]: Int32] = [:]
    /// Each word as a sequence of symbols, with its count; ordered by count, most frequent first.
    var words: [[Int32]] = []
    var counts: [Int] = []
    /// Pair counts: `stats` holds the pairs still in the running, `bigStats` the full table as of
    /// the last pruning (learn_bpe.py's `stats` and `big_stats`).
    var stats: [SymbolPair: Int] = [:]
    var bigStats: [SymbolPair: Int] = [:]
    /// Pair → (word → occurrences of the pair in that word).
    var index: [SymbolPair: [Int32: Int]] = [:]
    var threshold: Double = 0

    init(words rawWords: [[UInt8]], counts rawCounts: [Int]) {
        let endOfWord = Array(BPEMerges.endOfWord.utf8)
        // Most frequent first; equal counts keep their order of first appearance.
        let order = rawWords.indices.sorted { (rawCounts[$0], $1) > (rawCounts[$1], $0) }
        for original in order {
            let bytes = rawWords[original]
            var word: [Int32] = []
            var start = 0
            while start < bytes.count {
                var end = start + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                var symbol = Array(bytes[start..<end])
                if end == bytes.count { symbol += endOfWord }
                word.append(intern(symbol))
                start = end
            }
            words.append(word)
            counts.append(rawCounts[original])
        }
        for (w, word) in words.enumerated() {
            for k in 0..<max(0, word.count - 1) {
                let pair = SymbolPair(word[k], word[k + 1])
                stats[pair, default: 0] += counts[w]
                index[pair, default: [:]][Int32(w), default: 0] += 1
            }
        }
        bigStats = stats
        threshold = Double(stats.values.max() ?? 0) / 10
    }

    mutating func intern(_ symbol: [UInt8]) -> Int32 {
        if let id = symbolIDs[symbol] { return id }
        let id = Int32(symbols.count)
        symbols.append(symbol)
        symbolIDs[symbol] = id
        return id
    }

    func string(_ symbol: Int32) -> String {
        String(decoding: symbols[Int(symbol)], as: UTF8.self)
    }

    /// The pair to merge at `step`, or nil when learning stops.
    mutating func nextPair(step: Int, minFrequency: Int) -> SymbolPair? {
        var best = mostFrequent()
        if best == nil || (step > 0 && Double(stats[best!]!) < threshold) {
            // The kept pairs have all fallen below the threshold: reload every pair, lower the
            // threshold in proportion to the best count, and prune again.
            prune()
            stats = bigStats
            best = mostFrequent()
            guard let reloaded = best else { return nil }
            threshold = Double(stats[reloaded]! * step) / (Double(step) + 10000.0)
            prune()
        }
        guard let best, stats[best, default: 0] >= minFrequency else { return nil }
        return best
    }

    /// Python's `max(stats, key=lambda x: (stats[x], x))`.
    func mostFrequent() -> SymbolPair? {
        var best: SymbolPair?
        var bestCount = Int.min
        for (pair, count) in stats {
            if count > bestCount || (count == bestCount && isGreater(pair, than: best!)) {
                best = pair
                bestCount = count
            }
        }
        return best
    }

    func isGreater(_ a: SymbolPair, than b: SymbolPair) -> Bool {
        if a.left != b.left {
            return symbols[Int(b.left)].lexicographicallyPrecedes(symbols[Int(a.left)])
        }
        return symbols[Int(b.right)].lexicographicallyPrecedes(symbols[Int(a.right)])
    }

    /// Moves pairs counted below the threshold out of `stats` (learn_bpe.py's `prune_stats`).
    /// A negative count is a change to a pair pruned earlier and is added to its full count; any
    /// other count replaces it.
    mutating func prune() {
        var kept: [SymbolPair: Int] = [:]
        kept.reserveCapacity(stats.count)
        for (pair, count) in stats {
            if Double(count) < threshold {
                if count < 0 { bigStats[pair, default: 0] += count } else { bigStats[pair] = count }
            } else {
                kept[pair] = count
            }
        }
        stats = kept
    }

    /// Merges `pair` in every word that holds it and updates the counts around each merge site.
    mutating func merge(_ pair: SymbolPair, step: Int) {
        let (first, second) = (pair.left, pair.right)
        let merged = intern(symbols[Int(first)] + symbols[Int(second)])
        var changed: [(word: Int, old: [Int32])] = []
        for (w, occurrences) in index[pair] ?? [:] where occurrences >= 1 {
            let old = words[Int(w)]
            var new: [Int32] = []
            new.reserveCapacity(old.count)
            var k = 0
            while k < old.count {
                if k + 1 < old.count, old[k] == first, old[k + 1] == second {
                    new.append(merged)
                    k += 2
                } else {
                    new.append(old[k])
                    k += 1
                }
            }
            words[Int(w)] = new
            changed.append((Int(w), old))
        }

        stats[pair] = 0
        index[pair] = [:]
        for (w, old) in changed {
            let word = words[w]
            let count = counts[w]
            let w32 = Int32(w)
            // Pairs that overlapped a merged occurrence disappear. In `A B A B` the middle
            // `B A` is removed once, as the left neighbour of the second occurrence.
            var k = 0
            while k < old.count {
                guard old[k] == first else { k += 1; continue }
                guard k + 1 < old.count, old[k + 1] == second else { k += 1; continue }
                if k > 0 { change(SymbolPair(old[k - 1], old[k]), word: w32, by: -count) }
                if k + 2 < old.count {
                    if old[k + 2] != first || k + 3 >= old.count || old[k + 3] != second {
                        change(SymbolPair(old[k + 1], old[k + 2]), word: w32, by: -count)
                    }
                }
                k += 2
            }
            // Pairs with the new symbol appear; `AB AB` is counted once, from the right one.
            for k in word.indices where word[k] == merged {
                if k > 0 { change(SymbolPair(word[k - 1], word[k]), word: w32, by: count) }
                if k + 1 < word.count, word[k + 1] != merged {
                    change(SymbolPair(word[k], word[k + 1]), word: w32, by: count)
                }
            }
        }
        stats[pair] = 0
        if step % 100 == 0 { prune() }
    }

    private mutating func change(_ pair: SymbolPair, word: Int32, by delta: Int) {
        stats[pair, default: 0] += delta
        index[pair, default: [:]][word, default: 0] += delta > 0 ? 1 : -1
    }
}
