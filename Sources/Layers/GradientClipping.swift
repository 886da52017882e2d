import Autodiff

public enum GradientClipping {
    /// Scales all gradients by min(1, maxNorm / ‖g‖₂) where ‖g‖₂ is over every parameter
    /// together. Returns the norm before clipping.
    @discardableResult
    public static func clipNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
        var total: Double = 0
        for p in parameters {
            guard let g = p.grad else { continue }
            var partial: Float = 0
            for i in 0..<p.count { partial += g[i] * g[i] }
            total += Double(partial)
        }
        let norm = Float(total.squareRoot())
        guard maxNorm > 0, norm > maxNorm else { return norm }
        let factor = maxNorm / (norm + 1e-6)
        for p in parameters {
            guard let g = p.grad else { continue }
            for i in 0..<p.count { g[i] *= factor }
        }
        return norm
    }
}
