import Autodiff

/// One direction of one LSTM layer: W_in [inputSize, 4H], W_hidden [H, 4H], b [4H], gate order
/// input, forget, candidate, output. Recurrent blocks start orthogonal, the forget bias at 1.
public final class LSTM: Layer {
    public let inputWeight: Tensor
    public let hiddenWeight: Tensor
    public let bias: Tensor
    public let hiddenSize: Int

    public init(inputSize: Int, hiddenSize: Int, using generator: inout SeededGenerator) {
        self.hiddenSize = hiddenSize
        inputWeight = Initializer.xavierUniform([inputSize, 4 * hiddenSize], using: &generator)
        hiddenWeight = Initializer.orthogonalBlocks(size: hiddenSize, blocks: 4, using: &generator)
        bias = Initializer.zeros([4 * hiddenSize])
        for j in hiddenSize..<(2 * hiddenSize) { bias.data[j] = 1 }
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        [("w_input", inputWeight), ("w_hidden", hiddenWeight), ("bias", bias)]
    }

    /// Runs over a time-major sequence. x: [T·B, inputSize] → outputs [T·B, H] and the final
    /// (h, c), each [B, H]. The input projection of all steps is one GEMM; each step then costs one
    /// [B, H]×[H, 4H] GEMM and the fused cell. A sentence's state stops changing after its length,
    /// so the final state is the state at its last real token.
    public func callAsFunction(_ x: Tensor, layout: SequenceLayout) -> (outputs: Tensor, hidden: Tensor, cell: Tensor) {
        let b = layout.batch, h = hiddenSize
        let projected = Tensor.affine([(x, inputWeight)], bias: bias)  // [T·B, 4H]
        var hidden = Tensor(zeros: [b, h])
        var cell = Tensor(zeros: [b, h])
        var outputs: [Tensor] = []
        outputs.reserveCapacity(layout.steps)
        let padded = layout.lengths.contains { $0 < layout.steps }
        // Steps 1…T−1 apply W_hidden (h₀ = 0): their weight gradient is one GEMM after the loop.
        let deferred = DeferredWeightGradient.make(weights: [hiddenWeight], rows: b, steps: layout.steps - 1)
        for t in 0..<layout.steps {
            let rows = projected.sliceRows((t * b)..<((t + 1) * b))
            let gates = t == 0 ? rows : Tensor.affine([(hidden, hiddenWeight)], base: rows, deferring: deferred, step: t - 1)
            (hidden, cell) = Tensor.lstmCell(gates: gates, previousCell: cell, previousHidden: hidden,
                                             active: padded ? layout.active(at: t) : nil)
            outputs.append(hidden)
        }
        return (Tensor.stackRows(outputs), hidden, cell)
    }
}
