import Foundation

/// Softmax along the last axis over the positions a mask allows.
extension Tensor {
    /// y[r, j] = exp(x[r, j]) / Σ_{k: mask} exp(x[r, k]) where mask[r, j] ≠ 0, and exactly 0
    /// where mask[r, j] = 0. mask: nil (all allowed) or one Float per element. A row with no
    /// allowed position is all zeros.
    /// Backward: dx = y ⊙ (G − Σ_j G_j y_j) per row.
    public func softmax(mask: [Float]? = nil) -> Tensor {
        let x = self
        let n = columns, m = rows
        if let mask { precondition(mask.count == count, "softmax mask of \(mask.count) for \(shape)") }
        let y = Tensor(uninitialized: shape)
        for r in 0..<m {
            let xr = x.data + r * n, yr = y.data + r * n
            var maximum = -Float.infinity
            for j in 0..<n where mask == nil || mask![r * n + j] != 0 { maximum = max(maximum, xr[j]) }
            var total: Float = 0
            for j in 0..<n {
                if mask == nil || mask![r * n + j] != 0 {
                    yr[j] = Foundation.exp(xr[j] - maximum)
                    total += yr[j]
                } else {
                    yr[j] = 0
                }
            }
            let inverse = total > 0 ? 1 / total : 0
            for j in 0..<n { yr[j] *= inverse }
        }
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            let dx = x.gradBuffer()
            for r in 0..<m {
                let yr = y.data + r * n, gr = g + r * n, dr = dx + r * n
                var dot: Float = 0
                for j in 0..<n { dot += gr[j] * yr[j] }
                for j in 0..<n { dr[j] += yr[j] * (gr[j] - dot) }
            }
        }
        return y
    }
}
