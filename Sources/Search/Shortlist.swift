import Text
/// The target units worth scoring for a batch of sources (Marian's lexical shortlist,
/// CTranslate2's vocabulary map): the `frequent` target units, always, and for each source unit
/// in the batch the target units that most often appear in the same training pairs. The output
/// layer of a search then scores only these columns, a fraction of the vocabulary.
///
/// Learned from the training pairs by the Dice coefficient of sentence co-occurrence,
///   dice(s, t) = 2·c(s, t) / (c(s) + c(t)),
/// with c counting pairs: high for units that translate each other, low for a target unit that
/// is merely frequent (those come in through `frequent`).
public struct Shortlist: Equatable, Sendable {
    /// Target ids always scored (special units first, then the most frequent), sorted.
    public let frequent: [Int32]
    /// Per source id, its best target ids.
    public let perSource: [[Int32]]
    public let targetVocabularySize: Int

    public init(frequent: [Int32], perSource: [[Int32]], targetVocabularySize: Int) {
        self.frequent = frequent.sorted()
        self.perSource = perSource
        self.targetVocabularySize = targetVocabularySize
    }

    /// Learns from (source ids, target ids) pairs, ids below the vocabulary sizes.
    public static func learn(_ pairs: [(source: [Int32], target: [Int32])], sourceVocabularySize: Int,
                             targetVocabularySize: Int, frequent frequentCount: Int = 100,
                             perSource count: Int = 50) -> Shortlist {
        let (sv, tv) = (sourceVocabularySize, targetVocabularySize)
        var together = [Int32](repeating: 0, count: sv * tv)   // c(s, t), row s
        var sourceCounts = [Int](repeating: 0, count: sv), targetCounts = [Int](repeating: 0, count: tv)
        var targetTokens = [Int](repeating: 0, count: tv)
        for pair in pairs {
            let sources = Set(pair.source), targets = Set(pair.target)
            for t in pair.target { targetTokens[Int(t)] += 1 }
            for t in targets { targetCounts[Int(t)] += 1 }
            for s in sources {
                sourceCounts[Int(s)] += 1
                let row = Int(s) * tv
                for t in targets { together[row + Int(t)] += 1 }
            }
        }
        let specials = [Vocabulary.padID, Vocabulary.startID, Vocabulary.endID, Vocabulary.unknownID].filter { Int($0) < tv }
        let byFrequency = (0..<tv).sorted { (targetTokens[$0], -$0) > (targetTokens[$1], -$1) }.map(Int32.init)
        let frequent = Array(Set(specials + byFrequency.prefix(frequentCount)))
        let perSource = (0..<sv).map { s -> [Int32] in
            let row = s * tv
            var scored: [(dice: Double, id: Int32)] = []
            for t in 0..<tv where together[row + t] > 0 {
                scored.append((2 * Double(together[row + t]) / Double(sourceCounts[s] + targetCounts[t]), Int32(t)))
            }
            scored.sort { ($0.dice, -$0.id) > ($1.dice, -$1.id) }
            return scored.prefix(count).map(\.id).sorted()
        }
        return Shortlist(frequent: frequent, perSource: perSource, targetVocabularySize: tv)
    }

    /// The sorted target ids to score for sources holding `sourceIDs` (padding included: it
    /// adds nothing beyond `frequent`).
    public func candidates<S: Sequence>(for sourceIDs: S) -> [Int32] where S.Element == Int32 {
        var chosen = [Bool](repeating: false, count: targetVocabularySize)
        for t in frequent { chosen[Int(t)] = true }
        for s in Set(sourceIDs) where Int(s) < perSource.count {
            for t in perSource[Int(s)] { chosen[Int(t)] = true }
        }
        return chosen.indices.filter { chosen[$0] }.map(Int32.init)
    }
}
