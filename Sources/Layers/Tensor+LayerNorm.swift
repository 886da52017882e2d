import Autodiff

/// Fused layer normalization over the last axis (Ba, Kiros & Hinton, 2016).
extension Tensor {
    /// x: [N, D], gain γ and bias β: [D] → y: [N, D] with, per row,
    ///   μ = mean(x), σ² = mean((x − μ)²), x̂ = (x − μ) / √(σ² + ε), y = γ ⊙ x̂ + β.
    /// Backward (G = dy, ĝ = G ⊙ γ): dx = (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)) / √(σ² + ε),
    /// dγ += Σ_rows G ⊙ x̂, dβ += Σ_rows G. x̂ and 1/√(σ² + ε) are kept from forward.
    public func layerNorm(gain: Tensor, bias: Tensor, epsilon: Float = 1e-5) -> Tensor {
        let x = self
        let n = rows, d = columns
        precondition(gain.count == d && bias.count == d, "layerNorm: gain \(gain.shape), bias \(bias.shape) for rows of \(d)")
        let normalized = Tensor(uninitialized: [n, d])
        let inverseDeviation = Tensor(uninitialized: [n])
        let y = Tensor(uninitialized: shape)
        let px = x.data, pn = normalized.data, ps = inverseDeviation.data, py = y.data, pg = gain.data, pb = bias.data
        Parallel.forEachChunk(n, threshold: max(1, Parallel.threshold / d)) { range in
            for r in range {
                let xr = px + r * d, nr = pn + r * d, yr = py + r * d
                let mean = FastMath.sum(xr, count: d) / Float(d)
                for j in 0..<d { nr[j] = xr[j] - mean }
                let variance = FastMath.dot(nr, nr, count: d) / Float(d)
                let inverse = 1 / (variance + epsilon).squareRoot()
                ps[r] = inverse
                for j in 0..<d { nr[j] *= inverse }
                for j in 0..<d { yr[j] = pg[j] * nr[j] + pb[j] }
            }
        }
        Tape.record(y, inputs: [x, gain, bias]) {
            guard let g = y.grad else { return }
            if x.requiresGrad {
                let (dx, fresh) = x.gradBufferForOverwrite()
                Parallel.forEachChunk(n, threshold: max(1, Parallel.threshold / d)) { range in
                    for r in range {
                        let gr = g + r * d, nr = pn + r * d, dr = dx + r * d
                        var meanG: Float = 0, meanGX: Float = 0
                        for j in 0..<d {
                            let scaled = gr[j] * pg[j]
                            meanG += scaled
                            meanGX += scaled * nr[j]
                        }
                        meanG /= Float(d)
                        meanGX /= Float(d)
                        let inverse = ps[r]
                        if fresh {
                            for j in 0..<d { dr[j] = (gr[j] * pg[j] - meanG - nr[j] * meanGX) * inverse }
                        } else {
                            for j in 0..<d { dr[j] += (gr[j] * pg[j] - meanG - nr[j] * meanGX) * inverse }
                        }
                    }
                }
            }
            if gain.requiresGrad {
                let dg = gain.gradBuffer()
                for r in 0..<n {
                    let gr = g + r * d, nr = pn + r * d
                    for j in 0..<d { dg[j] += gr[j] * nr[j] }
                }
            }
            if bias.requiresGrad {
                let db = bias.gradBuffer()
                for r in 0..<n {
                    let gr = g + r * d
                    for j in 0..<d { db[j] += gr[j] }
                }
            }
            _ = normalized; _ = inverseDeviation  // kept alive until backward has run
        }
        return y
    }
}
