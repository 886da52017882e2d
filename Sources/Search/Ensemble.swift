import Autodiff
import Batching
import Model
import Text

/// Several models with the same vocabularies decoding as one: at each step every row's next-token
/// log-probabilities are the weighted mean of the members', Σᵢ wᵢ log pᵢ with Σᵢ wᵢ = 1, not
/// renormalized (as OpenNMT-py and Marian combine them). Greedy and beam search run on it as on
/// one model; the attention shown is the members' weighted mean where their shapes agree.
public struct Ensemble {
    public let models: [Seq2Seq]
    /// One per model, summing to 1.
    public let weights: [Float]

    /// `weights` (default: equal) are scaled to sum to 1; each must be positive and finite.
    public init(models: [Seq2Seq], weights: [Float]? = nil) {
        precondition(!models.isEmpty, "an ensemble needs at least one model")
        let given = weights ?? [Float](repeating: 1, count: models.count)
        precondition(given.count == models.count && given.allSatisfy { $0 > 0 && $0.isFinite },
                     "\(given.count) ensemble weights for \(models.count) models; each must be positive")
        precondition(Set(models.map(\.config.targetVocabularySize)).count == 1, "ensemble members must share their target vocabulary")
        let total = given.reduce(0, +)
        self.models = models
        self.weights = given.map { $0 / total }
    }

    func decodingSession(_ batch: Batch, shortlist: Shortlist?) -> any DecodingSession {
        models.count == 1 ? models[0].decodingSession(batch, shortlist: shortlist)
            : EnsembleSession(members: models.map { $0.decodingSession(batch, shortlist: shortlist) }, weights: weights)
    }

    /// `shortlist`: score only its candidates for the batch (nil: the whole vocabulary).
    public func beamSearch(_ batch: Batch, beamSize k: Int, lengthPenalty alpha: Float = 1,
                           maxLength: (Int) -> Int, nBest: Int = 1, keepAttention: Bool = false,
                           guards: SearchGuards = SearchGuards(), shortlist: Shortlist? = nil) -> [[Hypothesis]] {
        Search.beam(decodingSession(batch, shortlist: shortlist), sourceLengths: batch.sourceLengths, beamSize: k, lengthPenalty: alpha,
                    maxLength: maxLength, nBest: nBest, keepAttention: keepAttention, guards: guards)
    }

    public func greedy(_ batch: Batch, maxLength: (Int) -> Int, keepAttention: Bool = false,
                       guards: SearchGuards = SearchGuards(), shortlist: Shortlist? = nil) -> [(ids: [Int32], attention: [[Float]])] {
        Search.greedy(decodingSession(batch, shortlist: shortlist), sourceLengths: batch.sourceLengths, maxLength: maxLength,
                      keepAttention: keepAttention, guards: guards)
    }
}

/// The members' sessions stepped together; rows and sentences stay aligned across them.
package struct EnsembleSession: DecodingSession {
    var members: [any DecodingSession]
    let weights: [Float]
    private var memberScores: [Float] = []

    init(members: [any DecodingSession], weights: [Float]) {
        precondition(Set(members.map(\.columnIDs)).count == 1, "ensemble members score different output columns")
        self.members = members
        self.weights = weights
    }

    /// The members' columns, the same for all (one shortlist for the batch).
    package var columnIDs: [Int32]? { members[0].columnIDs }

    /// The combined log-probabilities as a [R, V] tensor: greedy search takes their argmax.
    package mutating func step(_ previous: [Int32]) -> (logits: Tensor, weights: Tensor) {
        var combined: [Float] = []
        let (v, attention) = logProbabilities(previous, into: &combined)
        return (Tensor(shape: [combined.count / v, v], values: combined), attention)
    }

    package mutating func logProbabilities(_ previous: [Int32], into output: inout [Float]) -> (vocabulary: Int, weights: Tensor) {
        var vocabulary = 0
        var attention: Tensor?
        for index in members.indices {
            let (v, memberAttention) = members[index].logProbabilities(previous, into: &memberScores)
            let w = weights[index]
            if index == 0 {
                vocabulary = v
                if output.count != memberScores.count { output = [Float](repeating: 0, count: memberScores.count) }
                for i in memberScores.indices { output[i] = w * memberScores[i] }
                attention = memberAttention.scaled(by: w)
            } else {
                precondition(v == vocabulary && memberScores.count == output.count, "ensemble members disagree on the vocabulary")
                for i in memberScores.indices { output[i] += w * memberScores[i] }
                if let sum = attention, sum.shape == memberAttention.shape {
                    attention = sum + memberAttention.scaled(by: w)
                }
            }
        }
        return (vocabulary, attention!)
    }

    package mutating func continueRows(_ rows: [Int32]) {
        for index in members.indices { members[index].continueRows(rows) }
    }

    package mutating func keepSentences(_ sentences: [Int], of count: Int, rowsPerSentence: Int, repeats: Int) {
        for index in members.indices {
            members[index].keepSentences(sentences, of: count, rowsPerSentence: rowsPerSentence, repeats: repeats)
        }
    }
}
