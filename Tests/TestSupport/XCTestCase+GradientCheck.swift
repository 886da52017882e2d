/// Helpers shared by the tests of the engine (AutodiffTests) and of the kernels built on it
/// (LayersTests): random tensors, a scalar projection, the gradient assertion, closeness.
import Autodiff
import XCTest

/// A tensor of the given shape with entries uniform in `range`, drawn from `generator`.
public func uniformTensor(_ shape: [Int], in range: ClosedRange<Float> = -1...1,
                   _ generator: inout SeededGenerator) -> Tensor {
    let tensor = Tensor(uninitialized: shape)
    for i in 0..<tensor.count {
        tensor.data[i] = range.lowerBound + (range.upperBound - range.lowerBound) * generator.nextUniform()
    }
    return tensor
}

/// loss = Σ y ⊙ R for a fixed random R: reduces an op's output to a scalar in which every output
/// element has its own weight, so a wrong gradient for any single element changes the loss.
public struct Projection {
    public let weights: Tensor

    public init(_ shape: [Int], seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        weights = uniformTensor(shape, in: -1...1, &generator)
    }

    public func callAsFunction(_ y: Tensor) -> Tensor {
        precondition(y.shape == weights.shape, "projection \(weights.shape) of an output \(y.shape)")
        return (y * weights).sum()
    }
}

extension XCTestCase {
    /// Checks the analytic gradient of every tensor in `inputs` against central differences
    /// (`GradientCheck.check`): each input's relative error must stay below `bound`, and each must
    /// have received a non-zero gradient (two zero gradients would agree vacuously).
    /// With ε = 1e-2 the relative errors observed for every op here are below 5e-5; the tests
    /// use 1e-3, while a wrong rule gives errors of order 0.1 (see GradientCheckTests).
    public func assertGradientsMatch(_ inputs: [Tensor], bound: Float, epsilon: Float = 1e-2,
                              file: StaticString = #filePath, line: UInt = #line,
                              loss: () -> Tensor) {
        let result = GradientCheck.check(inputs, epsilon: epsilon, loss: loss)
        XCTAssertEqual(result.relativeErrors.count, inputs.count, file: file, line: line)
        for (index, error) in result.relativeErrors.enumerated() {
            XCTAssertLessThan(error, bound, "input \(index) \(inputs[index].shape): \(result)", file: file, line: line)
        }
        for (index, input) in inputs.enumerated() {
            let norm = (input.gradient ?? []).reduce(0) { $0 + $1 * $1 }
            XCTAssertGreaterThan(norm, 0, "input \(index) \(input.shape) received no gradient", file: file, line: line)
        }
    }
}

/// Asserts two arrays agree elementwise within `accuracy`.
public func assertClose(_ actual: [Float], _ expected: [Float], accuracy: Float,
                 _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "count \(message)", file: file, line: line)
    for (index, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= accuracy) {
        XCTFail("element \(index): \(a) vs \(e) (accuracy \(accuracy)) \(message)", file: file, line: line)
        return
    }
}
