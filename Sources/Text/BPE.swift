import Foundation

/// Applies learned BPE merges to tokenized text, with exactly subword-nmt's apply_bpe result:
/// a word starts as its characters (the last one marked as word-final), then the adjacent pair
/// with the earliest merge is merged everywhere in the word, left to right, until no pair has a
/// merge. Every unit but a word's last gets the `@@` continuation mark: `low@@ er`.
///
/// A word is segmented once and then served from a cache, which makes applying BPE to a corpus
/// cost little more than a dictionary lookup per token. The cache keeps the `cacheCapacity`
/// most recently used words (a server is sent new words without end). A lock guards it, so one
/// `BPE` can serve several threads segmenting parts of a corpus at once.
public final class BPE: @unchecked Sendable {
    /// Appended to every unit that continues into the next one.
    public static let separator = "@@"

    public let merges: BPEMerges

    // Symbols are numbered; a word's characters start as symbols through these two tables
    // (word-inner and word-final forms), merged symbols come from `pairs`.
    private let innerSymbol: [UInt32: Int32]
    private let finalSymbol: [UInt32: Int32]
    private let endOfWordSymbol: Int32
    /// Pair of symbols → (rank of its merge, the merged symbol). Ranks are line positions; a pair
    /// listed twice keeps its first rank, as in subword-nmt.
    private let pairs: [UInt64: (rank: Int32, merged: Int32)]
    private var cache: LRUCache<ExactString, [String]>
    private let cacheLock = NSLock()

    /// Words cached by default: more than the distinct words of a corpus such as Multi30k's
    /// training side, at a few hundred bytes each.
    public static let defaultCacheCapacity = 1 << 18

    /// Uses the first `limit` merges if given (subword-nmt's `--merges`), else all of them.
    public init(merges: BPEMerges, limit: Int? = nil, cacheCapacity: Int = BPE.defaultCacheCapacity) {
        self.merges = merges
        cache = LRUCache(capacity: cacheCapacity)
        var symbols: [[UInt8]: Int32] = [:]
        func intern(_ symbol: String) -> Int32 {
            let bytes = Array(symbol.utf8)
            if let id = symbols[bytes] { return id }
            let id = Int32(symbols.count)
            symbols[bytes] = id
            return id
        }
        var pairs: [UInt64: (rank: Int32, merged: Int32)] = [:]
        for (rank, merge) in merges.merges.prefix(limit ?? merges.merges.count).enumerated() {
            let key = Self.key(intern(merge.left), intern(merge.right))
            let merged = intern(merge.left + merge.right)
            if pairs[key] == nil { pairs[key] = (Int32(rank), merged) }
        }
        var innerSymbol: [UInt32: Int32] = [:]
        var finalSymbol: [UInt32: Int32] = [:]
        var endOfWordSymbol: Int32 = -1
        let marker = Array(BPEMerges.endOfWord.utf8)
        for (bytes, id) in symbols {
            if bytes == marker { endOfWordSymbol = id; continue }
            let isFinal = bytes.count > marker.count && bytes.suffix(marker.count).elementsEqual(marker)
            let stem = isFinal ? Array(bytes.dropLast(marker.count)) : bytes
            let scalars = String(decoding: stem, as: UTF8.self).unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first else { continue }
            if isFinal { finalSymbol[scalar.value] = id } else { innerSymbol[scalar.value] = id }
        }
        self.pairs = pairs
        self.innerSymbol = innerSymbol
        self.finalSymbol = finalSymbol
        self.endOfWordSymbol = endOfWordSymbol
    }

    /// The units of each token, with `@@` on all but the last unit of a token.
    /// Empty tokens are skipped, as subword-nmt does.
    public func segment(_ tokens: [String]) -> [String] {
        var units: [String] = []
        units.reserveCapacity(tokens.count * 2)
        for token in tokens where !token.isEmpty {
            units.append(contentsOf: segment(word: token))
        }
        return units
    }

    /// The units of one word, with `@@` on all but the last.
    public func segment(word: String) -> [String] {
        let key = ExactString(word)
        cacheLock.lock()
        let cached = cache.value(for: key)
        cacheLock.unlock()
        if let cached { return cached }
        var units = split(word)
        for i in units.indices.dropLast() { units[i] += Self.separator }
        cacheLock.lock()
        cache.insert(units, for: key)
        cacheLock.unlock()
        return units
    }

    /// Words in the cache now (at most the capacity).
    var cachedWordCount: Int { cacheLock.withLock { cache.count } }

    /// One line of space-separated tokens to one line of units, like apply_bpe's `process_line`:
    /// spaces, CR and LF at the ends of the line are kept as they were.
    public func segmentLine(_ line: String) -> String {
        let utf8 = line.utf8
        let isEdge: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0D || $0 == 0x0A }
        // The edges are ASCII, so these byte positions are also character boundaries.
        guard let first = utf8.firstIndex(where: { !isEdge($0) }),
              let last = utf8.lastIndex(where: { !isEdge($0) }) else { return line }
        var out = String(line[..<first])
        var separator = ""
        var start = first
        var i = first
        // Splitting the UTF-8 view on the space byte: much faster than splitting Characters.
        while true {
            let atEnd = i > last
            if atEnd || utf8[i] == 0x20 {
                if start < i {
                    for unit in segment(word: String(line[start..<i])) {
                        out += separator
                        out += unit
                        separator = " "
                    }
                }
                if atEnd { break }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        out += line[utf8.index(after: last)...]
        return out
    }

    /// Undoes any segmentation with the `@@` convention: joins each unit ending in `@@` to the
    /// next. A dangling `@@` at the very end (a model can produce one) is dropped.
    public static func join(_ units: [String]) -> [String] {
        var tokens: [String] = []
        var pending = ""
        for unit in units {
            if unit.hasSuffix(separator) {
                pending += unit.dropLast(separator.count)
            } else {
                tokens.append(pending + unit)
                pending = ""
            }
        }
        if !pending.isEmpty { tokens.append(pending) }
        return tokens
    }

    /// subword-nmt's `encode` for one word, on symbol numbers and scalar spans instead of strings.
    private func split(_ word: String) -> [String] {
        let scalars = Array(word.unicodeScalars)
        if scalars.count <= 1 { return [word] }
        // Symbol k covers scalars[starts[k] ..< starts[k + 1]] (the last one runs to the end).
        var ids: [Int32] = []
        var starts: [Int] = []
        ids.reserveCapacity(scalars.count + 1)
        starts.reserveCapacity(scalars.count + 1)
        for (i, scalar) in scalars.enumerated() {
            let isLast = i == scalars.count - 1
            let table = isLast && merges.version == .v0_2 ? finalSymbol : innerSymbol
            ids.append(table[scalar.value] ?? -1)
            starts.append(i)
        }
        if merges.version == .v0_1 {
            ids.append(endOfWordSymbol)
            starts.append(scalars.count)
        }

        while ids.count > 1 {
            var best: (rank: Int32, merged: Int32, left: Int32, right: Int32)?
            for k in 0..<(ids.count - 1) {
                if let hit = pairs[Self.key(ids[k], ids[k + 1])], hit.rank < (best?.rank ?? .max) {
                    best = (hit.rank, hit.merged, ids[k], ids[k + 1])
                }
            }
            guard let best else { break }
            var newIDs: [Int32] = []
            var newStarts: [Int] = []
            var k = 0
            while k < ids.count {
                if k + 1 < ids.count, ids[k] == best.left, ids[k + 1] == best.right {
                    newIDs.append(best.merged)
                    newStarts.append(starts[k])
                    k += 2
                } else {
                    newIDs.append(ids[k])
                    newStarts.append(starts[k])
                    k += 1
                }
            }
            ids = newIDs
            starts = newStarts
        }

        var units: [String] = []
        units.reserveCapacity(starts.count)
        for k in starts.indices {
            let end = k + 1 < starts.count ? starts[k + 1] : scalars.count
            // A lone version-0.1 end-of-word symbol covers no characters.
            if end > starts[k] { units.append(String(scalars: scalars[starts[k]..<end])) }
        }
        return units
    }

    private static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }
}
