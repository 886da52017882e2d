import Autodiff
import Foundation

/// Fused log-softmax and label-smoothed cross entropy over a vocabulary.
extension Tensor {
    /// logits: [N, V]; targets: N class ids. Rows whose target is `ignoreIndex` contribute nothing.
    /// With smoothing ε, the target distribution is q = (1 − ε)·onehot(y) + ε/V, and each counted
    /// row's loss is −Σ_v q_v log p_v (PyTorch's `label_smoothing` convention).
    /// Returns the sum over counted rows, or their mean when `average` is true, as a scalar [1],
    /// together with the number of counted rows.
    /// Backward: dlogits = scale · G · (p − q), with p_j = exp(x_j − log Σ_k exp x_k) recomputed
    /// from the logits and each row's log-normalizer (kept from forward: one float per row, so no
    /// [N, V] probabilities are written, normalized and read back).
    public func crossEntropy(targets: [Int32], smoothing: Float = 0, ignoreIndex: Int32? = nil,
                             average: Bool = false) -> (loss: Tensor, count: Int) {
        let logits = self
        let n = rows, v = columns
        precondition(targets.count == n, "\(targets.count) targets for \(n) rows of logits")
        var logNormalizers = [Float](repeating: 0, count: n)
        var rowLoss = [Double](repeating: 0, count: n)
        let counted = targets.reduce(0) { $0 + ($1 == ignoreIndex ? 0 : 1) }
        let onTarget = 1 - smoothing, uniform = smoothing / Float(v)
        let px = logits.data
        logNormalizers.withUnsafeMutableBufferPointer { normalizers in
            Parallel.forEachChunk(n, threshold: max(1, Parallel.threshold / v)) { range in
                for r in range {
                    let target = targets[r]
                    if target == ignoreIndex { continue }
                    precondition(target >= 0 && Int(target) < v, "target \(target) outside a vocabulary of \(v)")
                    let xr = px + r * v
                    let logNormalizer = FastMath.logNormalizer(xr, count: v)
                    normalizers[r] = logNormalizer
                    let sumLogits = FastMath.sum(xr, count: v)
                    // log p_j = x_j − logNormalizer; Σ_j log p_j = Σ x − V·logNormalizer.
                    let targetLog = xr[Int(target)] - logNormalizer
                    let meanLog = (sumLogits - Float(v) * logNormalizer)
                    rowLoss[r] = -Double(onTarget * targetLog + uniform * meanLog)
                }
            }
        }
        let scale: Float = average ? 1 / Float(max(counted, 1)) : 1
        let loss = Tensor(scalar: Float(rowLoss.reduce(0, +)) * scale)
        Tape.record(loss, inputs: [logits]) {
            guard let g = loss.grad else { return }
            let (dx, fresh) = logits.gradBufferForOverwrite()
            let px = logits.data
            let factor = g[0] * scale
            Parallel.forEachChunk(n, threshold: max(1, Parallel.threshold / v)) { range in
                for r in range {
                    let target = targets[r]
                    let xr = px + r * v, dr = dx + r * v
                    if target == ignoreIndex {
                        if fresh { dr.update(repeating: 0, count: v) }
                        continue
                    }
                    let logNormalizer = logNormalizers[r]
                    if fresh {
                        for j in 0..<v { dr[j] = factor * (FastMath.exp(xr[j] - logNormalizer) - uniform) }
                    } else {
                        for j in 0..<v { dr[j] += factor * (FastMath.exp(xr[j] - logNormalizer) - uniform) }
                    }
                    dr[Int(target)] -= factor * onTarget
                }
            }
        }
        return (loss, counted)
    }
}
