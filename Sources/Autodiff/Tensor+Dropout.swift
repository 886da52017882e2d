/// Inverted dropout: each element is kept with probability 1 − p and scaled by 1/(1 − p), so the
/// expected value is unchanged and inference needs no rescaling.
extension Tensor {
    /// Identity when p = 0 or when the tape is not recording (inference).
    /// Backward: dx += G ⊙ keep / (1 − p), with the same keep mask.
    public func dropout(_ p: Float, using generator: inout SeededGenerator) -> Tensor {
        guard p > 0, Tape.isRecording else { return self }
        precondition(p < 1, "dropout probability \(p) must be below 1")
        let x = self
        let keepScale = 1 / (1 - p)
        let mask = Tensor(uninitialized: shape)
        for i in 0..<count { mask.data[i] = generator.nextUniform() >= p ? keepScale : 0 }
        let y = Tensor(uninitialized: shape)
        for i in 0..<count { y.data[i] = x.data[i] * mask.data[i] }
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            let dx = x.gradBuffer()
            for i in 0..<x.count { dx[i] += g[i] * mask.data[i] }
        }
        return y
    }
}
