import Text
import Translation

/// The cleaning of `data.filters`, pair by pair as the corpora are prepared. A pair is dropped
/// by the first filter that refuses it, in this order: `no_letters` and `copies` (on the raw
/// lines), `max_units` and `length_ratio` (on the units the codec makes), then `duplicates`
/// (pairs kept earlier, in any corpus). Sides too long to store (`PreparedCorpusFormat`) are
/// dropped as `over_65535_units` whatever the filters.
struct CorpusFilter {
    let settings: TrainingConfiguration.CorpusFilterSettings
    /// 64-bit digests of the pairs kept so far (duplicates only).
    private var seen = Set<UInt64>()

    static let tooLongToStore = "over_65535_units"

    init(_ settings: TrainingConfiguration.CorpusFilterSettings) {
        self.settings = settings
    }

    /// What can be decided from the raw lines alone, safe to run on many threads at once: the
    /// name of a filter that drops the pair, and the pair's digest for `duplicates`.
    struct TextVerdict {
        var dropped: String?
        var digest: UInt64
    }

    static func textVerdict(_ pair: SentencePair, _ settings: TrainingConfiguration.CorpusFilterSettings) -> TextVerdict {
        var verdict = TextVerdict(dropped: nil, digest: 0)
        if settings.noLetters && (!hasLetter(pair.source) || !hasLetter(pair.target)) {
            verdict.dropped = "no_letters"
        } else if settings.copies && trimmed(pair.source) == trimmed(pair.target) {
            verdict.dropped = "copies"
        }
        if settings.duplicates { verdict.digest = digest(pair) }
        return verdict
    }

    /// The filter that drops a pair of `sourceUnits` and `targetUnits` units, or nil to keep
    /// it (which records it for `duplicates`).
    mutating func dropped(_ verdict: TextVerdict, sourceUnits: Int, targetUnits: Int) -> String? {
        if let dropped = verdict.dropped { return dropped }
        if max(sourceUnits, targetUnits) > PreparedCorpusFormat.maximumUnits { return Self.tooLongToStore }
        if settings.maxUnits > 0 && max(sourceUnits, targetUnits) > settings.maxUnits { return "max_units" }
        if settings.lengthRatio > 0 {
            let (short, long) = (min(sourceUnits, targetUnits), max(sourceUnits, targetUnits))
            if short > 0 && Double(long) > settings.lengthRatio * Double(short) { return "length_ratio" }
        }
        if settings.duplicates && !seen.insert(verdict.digest).inserted { return "duplicates" }
        return nil
    }

    static func hasLetter(_ line: String) -> Bool {
        line.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    private static func trimmed(_ line: String) -> Substring {
        guard let first = line.firstIndex(where: { !$0.isWhitespace }), let last = line.lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return line[first...last]
    }

    /// FNV-1a over the source's bytes, a separator byte that UTF-8 never holds, and the target's.
    static func digest(_ pair: SentencePair) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in pair.source.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01b3
        for byte in pair.target.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
