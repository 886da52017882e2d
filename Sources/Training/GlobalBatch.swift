import Autodiff
import Batching
import Text

/// How one update's batch (the global batch: what one process would train on in one update) is
/// divided: into one share per rank of the group, dealt sentence by sentence as `Batch.shares`
/// deals, and each rank's share into `accumulate` parts that the rank runs one after the other,
/// adding their gradients (gradient accumulation). Every rank sees the same global batches in
/// the same order, so the division depends only on the batch, the group size and K.
///
/// Dropout seeds: one per part per rank, all drawn by every rank from the trainer's generator,
/// so the generators stay equal across ranks (any rank's state resumes the run). A group of one
/// without accumulation keeps the trainer's generator itself, as training always did.
package struct GlobalBatch {
    let ranks: Int
    let accumulate: Int
    /// A rank's share of the batch, nil when the batch has fewer sentences than ranks.
    private let share: (Int) -> Batch?
    /// Target tokens of the whole global batch: what every part's loss is divided by.
    let tokens: Int

    init(batch: Batch, ranks: Int, accumulate: Int) {
        let shares = batch.shares(ranks)
        self.ranks = ranks
        self.accumulate = accumulate
        share = { rank in rank < shares.count ? shares[rank] : nil }
        tokens = batch.targetTokenCount
    }

    /// The global batch of the pairs at `indices` in `batcher`'s store (a plan's batch), dealt
    /// as `Batch.shares` deals: a rank reads the ids of its own share only, and the token count
    /// comes from the lengths.
    init(indices: [Int], batcher: Batcher, ranks: Int, accumulate: Int) {
        self.ranks = ranks
        self.accumulate = accumulate
        tokens = batcher.targetTokenCount(indices)
        share = { rank in
            let dealt = max(1, min(ranks, indices.count))
            guard rank < dealt else { return nil }
            return batcher.batch(stride(from: rank, to: indices.count, by: dealt).map { indices[$0] })
        }
    }

    /// The parts `rank` trains on, in order; empty when the batch has fewer sentences than ranks.
    func parts(rank: Int) -> [Batch] {
        share(rank)?.shares(accumulate) ?? []
    }

    /// The dropout of each of `rank`'s parts (see above).
    func dropouts(rank: Int, from trainer: Dropout) -> [Dropout] {
        guard ranks > 1 || accumulate > 1 else { return [trainer] }
        // seeds[k][r]: part k of rank r; every rank draws all of them.
        let seeds = (0..<accumulate).map { _ in (0..<ranks).map { _ in trainer.generator.next() } }
        return seeds.map { Dropout(probability: trainer.probability, generator: SeededGenerator(seed: $0[rank])) }
    }
}
