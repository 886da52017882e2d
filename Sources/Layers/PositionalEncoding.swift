import Autodiff
import Foundation

/// Sinusoidal positions (Vaswani et al., 2017): for position p and feature pair i of a
/// d-wide row, PE(p, 2i) = sin(p / 10000^(2i/d)) and PE(p, 2i+1) = cos(p / 10000^(2i/d)).
/// Wavelengths grow geometrically from 2π to 10000·2π, so every offset k is a fixed rotation of
/// each pair: the model can attend by relative position.
public enum PositionalEncoding {
    /// PE(position, feature) for rows of `size` features, computed in Double.
    public static func value(position: Int, feature j: Int, size d: Int) -> Float {
        let pair = j / 2
        let angle = Double(position) / Foundation.pow(10000, Double(2 * pair) / Double(d))
        return Float(j % 2 == 0 ? Foundation.sin(angle) : Foundation.cos(angle))
    }
}

extension Tensor {
    /// The Transformer's input: y = scale · x + PE(firstPosition + t) for each time-major row
    /// t·B + b of x [T·B, d] (embeddings are scaled by √d so that they are not drowned by the
    /// positions). Backward: dx += scale · G (the positions are constants).
    public func addingPositions(batch b: Int, firstPosition: Int = 0, scale: Float = 1) -> Tensor {
        let x = self
        let d = columns, steps = rows / b
        precondition(rows == steps * b, "addingPositions: \(shape) is not time-major over a batch of \(b)")
        let y = Tensor(uninitialized: shape)
        var row = [Float](repeating: 0, count: d)
        for t in 0..<steps {
            for j in 0..<d { row[j] = PositionalEncoding.value(position: firstPosition + t, feature: j, size: d) }
            for sentence in 0..<b {
                let offset = (t * b + sentence) * d
                let xr = x.data + offset, yr = y.data + offset
                for j in 0..<d { yr[j] = scale * xr[j] + row[j] }
            }
        }
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            x.addToGradient { i in scale * g[i] }
        }
        return y
    }
}
