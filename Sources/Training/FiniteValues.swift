import Autodiff
import Layers
import Model

/// NaN and infinity in training: a gradient holding one skips its update (`Trainer`), and a
/// checkpoint holding one is never written, since `ModelCheckpoint.load` refuses it and writing
/// it over latest.ckpt would lose the resume point.
enum FiniteValues {
    /// Whether no value is NaN or infinite: those are the floats whose 8 exponent bits are all
    /// ones, and adding 1 to the exponent field carries into the sign bit for them alone. ORing
    /// the results has no branch and no order, so the loop vectorizes.
    static func allFinite(_ values: UnsafePointer<Float>, count: Int) -> Bool {
        values.withMemoryRebound(to: UInt32.self, capacity: count) { bits in
            var carried: UInt32 = 0
            for i in 0..<count { carried |= (bits[i] & 0x7F80_0000) &+ 0x0080_0000 }
            return carried & 0x8000_0000 == 0
        }
    }

    /// The first of the model's weights and the optimizer's moments holding a NaN or an
    /// infinity: its name and first such value.
    static func firstNonFinite(model: Seq2Seq, optimizer: Adam) -> (name: String, value: Float)? {
        var tensors = model.namedParameters
        for (index, parameter) in optimizer.parameters.enumerated() {
            tensors.append(("Adam first moment of \(parameter.name)", optimizer.firstMoments[index]))
            tensors.append(("Adam second moment of \(parameter.name)", optimizer.secondMoments[index]))
        }
        for (name, tensor) in tensors where !allFinite(tensor.data, count: tensor.count) {
            let values = UnsafeBufferPointer(start: tensor.data, count: tensor.count)
            return (name, values.first { !$0.isFinite } ?? .nan)
        }
        return nil
    }
}
