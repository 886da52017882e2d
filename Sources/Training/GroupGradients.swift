import Autodiff
import Foundation
import Layers
import Model

/// One update's gradients over a training group: this rank's parts of the global batch through
/// the in-process workers (`DataParallelGradients`), then, in a group of several, one
/// all-reduce of the fused buffer that sums the ranks' gradients, loss sums and stop votes.
/// Afterwards every rank holds ∂(Σ token losses of the global batch / its target tokens)/∂p,
/// the gradient one process would have computed on the whole batch.
package final class GroupGradients {
    let group: TrainingGroup
    let local: DataParallelGradients
    /// nil in a group of one: nothing to exchange.
    private let fused: FusedGradientBuffer?

    /// Why the ranks stop after this update: any rank was interrupted (SIGINT/SIGTERM), or the
    /// leader's clock says the time budget is spent. Voted with the gradients so that every rank
    /// stops after the same update.
    struct StopVotes: Equatable {
        var interrupted = false
        var timeUp = false
    }

    struct Result {
        /// Mean loss per target token of the global batch, and its target tokens.
        var loss: Double
        var tokens: Int
        /// ‖g‖₂ of the summed gradient, before clipping; equal on every rank.
        var norm: Float
        var stop: StopVotes
        /// Wall time of the all-reduce (0 in a group of one).
        var allReduceSeconds: Double
        /// Ranks whose own loss or gradients held a NaN or an infinity (0 in a group of one,
        /// where `loss` and `norm` say it).
        var nonFiniteRanks = 0

        /// Whether the update may be made: loss, gradient norm and every rank's own values
        /// finite. Computed from the summed buffer, so every rank decides alike; when false the
        /// update is skipped on every rank (a NaN anywhere would reach every rank's weights).
        var isFinite: Bool { loss.isFinite && norm.isFinite && nonFiniteRanks == 0 }
    }

    init(model: Seq2Seq, group: TrainingGroup, workers: Int, precision: ProductPrecision = .float32) {
        self.group = group
        local = DataParallelGradients(model: model, workers: workers, precision: precision)
        fused = group.size > 1 ? FusedGradientBuffer(parameters: model.parameters) : nil
    }

    /// Bytes each all-reduce carries (0 in a group of one).
    var exchangedBytes: Int { fused?.byteCount ?? 0 }

    /// `inspect` sees this rank's own gradients in the model's parameters before they are
    /// summed (a test hook).
    func compute(_ global: GlobalBatch, smoothing: Float, dropout: Dropout, votes: StopVotes,
                 inspect: (([Tensor]) -> Void)? = nil) throws -> Result {
        var lossSum = 0.0
        for (part, masks) in zip(global.parts(rank: group.rank), global.dropouts(rank: group.rank, from: dropout)) {
            lossSum += local.accumulate(part, normalizingBy: global.tokens, smoothing: smoothing, dropout: masks)
        }
        inspect?(local.model.parameters)
        let tokens = max(global.tokens, 1)
        guard let fused else {
            return Result(loss: lossSum / Double(tokens), tokens: global.tokens,
                          norm: GradientClipping.globalNorm(local.model.parameters), stop: votes, allReduceSeconds: 0)
        }
        let finite = fused.pack() && lossSum.isFinite
        fused[.lossSum] = Float(lossSum)
        fused[.interruptVotes] = votes.interrupted ? 1 : 0
        fused[.timeUpVotes] = votes.timeUp ? 1 : 0
        fused[.nonFiniteVotes] = finite ? 0 : 1
        let started = Date()
        try group.allReduceSum(fused.storage)
        let seconds = Date().timeIntervalSince(started)
        fused.unpack()
        return Result(loss: Double(fused[.lossSum]) / Double(tokens), tokens: global.tokens, norm: fused.globalNorm(),
                      stop: StopVotes(interrupted: fused[.interruptVotes] > 0, timeUp: fused[.timeUpVotes] > 0),
                      allReduceSeconds: seconds, nonFiniteRanks: Int(fused[.nonFiniteVotes]))
    }

    /// A skipped update: every gradient back to zero, as an update would have left them.
    func discard() {
        for parameter in local.model.parameters { parameter.zeroGrad() }
    }

    /// After the optimizer step: the in-process replicas take the model's new weights.
    func synchronizeReplicas() { local.synchronizeReplicas() }
}
