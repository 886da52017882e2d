/// Sum and mean of all elements, as scalars [1].
extension Tensor {
    /// Σ x. Backward: dx += G.
    public func sum() -> Tensor { reduced(scale: 1) }

    /// Σ x / n. Backward: dx += G / n.
    public func mean() -> Tensor { reduced(scale: 1 / Float(count)) }

    private func reduced(scale: Float) -> Tensor {
        let x = self
        var total: Double = 0
        for i in 0..<count { total += Double(x.data[i]) }
        let y = Tensor(scalar: Float(total) * scale)
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            let dx = x.gradBuffer()
            let value = g[0] * scale
            for i in 0..<x.count { dx[i] += value }
        }
        return y
    }
}
