import Autodiff
import Model
import XCTest

extension XCTestCase {
    /// A padded batch gives exactly what its pairs give alone: the loss of `pairs` as one batch
    /// equals the sum of their single-pair losses, and so does every parameter's gradient (relative
    /// difference below 1e-4). Every gradient must exist and hold a non-zero element; `label`
    /// names the model in failures.
    package func assertPaddingInvariant(_ model: Seq2Seq, pairs: [(source: [Int32], target: [Int32])], label: String,
                                        file: StaticString = #filePath, line: UInt = #line) throws {
        let (batchedLoss, gradients) = try lossAndGradients(model, pairs, label: label, file: file, line: line)
        var summedLoss: Float = 0
        var summed = gradients.map { [Float](repeating: 0, count: $0.count) }
        for pair in pairs {
            let (loss, single) = try lossAndGradients(model, [pair], label: label, file: file, line: line)
            summedLoss += loss
            for p in summed.indices { for i in summed[p].indices { summed[p][i] += single[p][i] } }
        }
        XCTAssertLessThan(relativeDifference([batchedLoss], [summedLoss]), 1e-4, "\(label) loss", file: file, line: line)
        for (p, named) in model.namedParameters.enumerated() {
            XCTAssertLessThan(relativeDifference(gradients[p], summed[p]), 1e-4, "\(label): \(named.name)", file: file, line: line)
        }
    }

    /// The label-smoothed loss (0.1, no dropout) of `pairs` as one padded batch and each
    /// parameter's gradient, in `namedParameters` order. Each pair of the fixtures reaches every
    /// parameter, so a gradient that is missing or all zeros is a lost backward rule: it would
    /// otherwise compare equal to the sum of the pairs' equally lost gradients.
    private func lossAndGradients(_ model: Seq2Seq, _ pairs: [(source: [Int32], target: [Int32])], label: String,
                                  file: StaticString, line: UInt) throws -> (Float, [[Float]]) {
        for p in model.parameters { p.zeroGrad() }
        let tape = Tape()
        let loss = tape.recording(model.parameters) {
            model.loss(ModelFixtures.batch(pairs), smoothing: 0.1, mode: .trainingWithoutDropout)
        }.loss
        tape.backward(from: loss)
        let gradients = try model.namedParameters.map { named in
            let gradient = try XCTUnwrap(named.tensor.gradient, "\(label): \(named.name) received no gradient", file: file, line: line)
            XCTAssertTrue(gradient.contains { $0 != 0 }, "\(label): \(named.name), \(pairs.count) pair(s): every element of its gradient is 0",
                          file: file, line: line)
            return gradient
        }
        return (loss.scalar, gradients)
    }

    /// ‖a − b‖ / max(‖a‖, ‖b‖, 1e-12).
    private func relativeDifference(_ a: [Float], _ b: [Float]) -> Float {
        var diff: Double = 0, na: Double = 0, nb: Double = 0
        for i in a.indices {
            diff += Double(a[i] - b[i]) * Double(a[i] - b[i])
            na += Double(a[i]) * Double(a[i])
            nb += Double(b[i]) * Double(b[i])
        }
        return Float(diff.squareRoot() / max(na.squareRoot(), nb.squareRoot(), 1e-12))
    }
}
