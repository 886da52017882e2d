/// Finite-difference verification of backward rules.
public enum GradientCheck {
    public struct Result: CustomStringConvertible {
        /// ‖analytic − numeric‖ / max(‖analytic‖ + ‖numeric‖, tiny), per checked tensor.
        public var relativeErrors: [Float]
        public var worst: Float { relativeErrors.max() ?? 0 }
        public var description: String { "relative errors \(relativeErrors.map { String(format: "%.2e", $0) })" }
    }

    /// Runs `loss` once with `inputs` on a tape to get analytic gradients of every tensor in
    /// `inputs`, then perturbs each element by ±epsilon and compares with the central difference
    /// (L(x+ε) − L(x−ε)) / 2ε, evaluated with nothing recorded. At most `maxElements` elements per
    /// tensor are probed (spread evenly) to keep large checks fast.
    /// `loss` must be deterministic (no dropout) and return a scalar.
    public static func check(_ inputs: [Tensor], epsilon: Float = 1e-2, maxElements: Int = 64,
                             loss: () -> Tensor) -> Result {
        for input in inputs { input.zeroGrad() }
        let tape = Tape()
        tape.backward(from: tape.recording(inputs, loss))
        var errors: [Float] = []
        for input in inputs {
            let analytic = input.gradient ?? [Float](repeating: 0, count: input.count)
            let stride = max(1, input.count / maxElements)
            var differenceSquared: Double = 0, analyticSquared: Double = 0, numericSquared: Double = 0
            for index in Swift.stride(from: 0, to: input.count, by: stride) {
                let original = input.data[index]
                input.data[index] = original + epsilon
                let plus = Double(loss().scalar)
                input.data[index] = original - epsilon
                let minus = Double(loss().scalar)
                input.data[index] = original
                let numeric = (plus - minus) / (2 * Double(epsilon))
                let exact = Double(analytic[index])
                differenceSquared += (exact - numeric) * (exact - numeric)
                analyticSquared += exact * exact
                numericSquared += numeric * numeric
            }
            let scale = max(analyticSquared.squareRoot() + numericSquared.squareRoot(), 1e-12)
            errors.append(Float(differenceSquared.squareRoot() / scale))
        }
        return Result(relativeErrors: errors)
    }
}

import Foundation
