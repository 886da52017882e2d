import Autodiff

public enum GradientClipping {
    /// ‖g‖₂ over every parameter's gradient together, each tensor's sum of squares split across
    /// this thread's cores and summed in eight lanes (`FastMath.dot`).
    public static func globalNorm(_ parameters: [Tensor]) -> Float {
        var total: Double = 0
        for p in parameters {
            guard let g = p.grad else { continue }
            total += Parallel.sum(p.count) { range in
                Double(FastMath.dot(g + range.lowerBound, g + range.lowerBound, count: range.count))
            }
        }
        return Float(total.squareRoot())
    }

    /// The factor clipping applies to every gradient: min(1, maxNorm / ‖g‖₂); 1 when maxNorm is 0
    /// (no clipping). Pass it to `Adam.update(gradientScale:)` to clip without a pass of its own.
    public static func scale(norm: Float, maxNorm: Float) -> Float {
        guard maxNorm > 0, norm > maxNorm else { return 1 }
        return maxNorm / (norm + 1e-6)
    }

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
