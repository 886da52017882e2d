import Autodiff

/// A stack of uni- or bidirectional LSTM layers over a time-major padded batch.
/// The backward direction reads each sentence from its last real token to its first (the
/// reversal permutes rows within each sentence's true length), so padding never reaches a real
/// position in either direction.
public final class RecurrentEncoder: Layer {
    /// layers[l][d]: layer l, direction d (0 forward, 1 backward).
    public let layers: [[LSTM]]
    public let hiddenSize: Int
    public let bidirectional: Bool

    public init(inputSize: Int, hiddenSize: Int, layers count: Int, bidirectional: Bool,
                using generator: inout SeededGenerator) {
        self.hiddenSize = hiddenSize
        self.bidirectional = bidirectional
        let directions = bidirectional ? 2 : 1
        var layers: [[LSTM]] = []
        for l in 0..<count {
            let size = l == 0 ? inputSize : hiddenSize * directions
            layers.append((0..<directions).map { _ in LSTM(inputSize: size, hiddenSize: hiddenSize, using: &generator) })
        }
        self.layers = layers
    }

    /// Size of each output row: H, or 2H when bidirectional.
    public var outputSize: Int { hiddenSize * (bidirectional ? 2 : 1) }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        layers.enumerated().flatMap { l, directions in
            directions.enumerated().flatMap { d, lstm in
                lstm.parameters(prefixed: "layer\(l).\(d == 0 ? "forward" : "backward")")
            }
        }
    }

    /// x: [T·B, inputSize] → memory [T·B, outputSize], plus the top layer's final states
    /// [h→_last; h←_first] and likewise for the cell, each [B, outputSize].
    /// `mode`'s dropout applies between layers.
    public func callAsFunction(_ x: Tensor, layout: SequenceLayout,
                               mode: ForwardMode) -> (memory: Tensor, hidden: Tensor, cell: Tensor) {
        let reversal = bidirectional ? layout.reversal : []
        var input = x
        var finalHidden: [Tensor] = [], finalCell: [Tensor] = []
        for (index, directions) in layers.enumerated() {
            if index > 0 { input = input.dropout(mode) }
            let forward = directions[0](input, layout: layout)
            var outputs = [forward.outputs]
            finalHidden = [forward.hidden]
            finalCell = [forward.cell]
            if bidirectional {
                let backward = directions[1](input.gatherRows(reversal), layout: layout)
                outputs.append(backward.outputs.gatherRows(reversal))
                finalHidden.append(backward.hidden)
                finalCell.append(backward.cell)
            }
            input = outputs.count == 1 ? outputs[0] : Tensor.concatColumns(outputs)
        }
        let hidden = finalHidden.count == 1 ? finalHidden[0] : Tensor.concatColumns(finalHidden)
        let cell = finalCell.count == 1 ? finalCell[0] : Tensor.concatColumns(finalCell)
        return (input, hidden, cell)
    }
}
