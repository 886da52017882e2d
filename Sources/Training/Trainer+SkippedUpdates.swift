import Foundation
import Translation

/// The non-finite guard: a batch whose loss or gradient norm is NaN or infinite (on any rank:
/// the decision is read from the summed buffer, so every rank makes it alike) makes no update.
extension Trainer {
    /// Skips the update of the batch at `position`: the gradients are dropped, weights and Adam's
    /// moments and step stay as they were (the caller puts the dropout generator back), the batch
    /// counts as done; the skip is logged and recorded in metrics.jsonl. After
    /// training.max_skipped_updates skips in a row, training stops (`TrainingError.diverged`)
    /// with the last checkpoint as it was.
    func skipUpdate(_ step: GroupGradients.Result, at position: TrainingTestHooks.BatchPosition) throws {
        gradients.discard()
        state.batchInEpoch += 1
        state.skippedUpdates += 1
        state.consecutiveSkippedUpdates += 1
        let limit = configuration.training.maxSkippedUpdates
        var reasons: [String] = []
        if !step.loss.isFinite { reasons.append("the loss is \(step.loss)") }
        if !step.norm.isFinite { reasons.append("the gradient norm is \(step.norm)") }
        if step.nonFiniteRanks > 0 {
            reasons.append("\(step.nonFiniteRanks) of \(group.size) ranks had a NaN or an infinity in their own loss or gradients")
        }
        let reason = reasons.joined(separator: "; ")
        reporter.log("skipped update \(state.update + 1) (\(position)): \(reason); weights and optimizer unchanged; "
            + "\(state.consecutiveSkippedUpdates) skipped in a row (training stops at \(limit): training.max_skipped_updates), "
            + "\(state.skippedUpdates) in all")
        var record: [String: Any] = [
            "kind": "skipped", "update": state.update, "epoch": position.epoch, "batch": position.batch, "reason": reason,
            "skipped": state.skippedUpdates, "skipped_in_a_row": state.consecutiveSkippedUpdates,
        ]
        if step.loss.isFinite { record["loss"] = step.loss }
        try reporter.record(record)
        guard state.consecutiveSkippedUpdates < limit else {
            let latest = (try? ModelCheckpoint.trainingState(at: latestPath))?.update
            throw TrainingError.diverged(
                "stopped after \(limit) updates in a row were skipped (training.max_skipped_updates), the last at \(position): "
                    + "\(reason). The weights are those of update \(state.update); "
                    + (latest.map { "\(latestPath) (update \($0)) is the last checkpoint written. " } ?? "no checkpoint was written. ")
                    + "Lower training.learning_rate or look at the training data near this batch")
        }
    }
}
