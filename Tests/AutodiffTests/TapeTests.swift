import XCTest
@testable import Autodiff

final class TapeTests: XCTestCase {
    override func setUp() { Tape.reset() }

    /// y = x·x + x uses x three times: dy/dx = 2x + 1 is the sum of all three contributions.
    func testValueUsedTwiceReceivesTheSumOfGradients() {
        let x = Tensor(shape: [3], values: [-1, 0.5, 2], requiresGrad: true)
        ((x * x + x).sum()).backward()
        XCTAssertEqual(x.gradient!, [-1, 2, 5])
        // The same through an intermediate used by two later ops: z = t + 3t with t = 2x.
        let y = Tensor(shape: [2], values: [1, 2], requiresGrad: true)
        let t = y.scaled(by: 2)
        (t + t.scaled(by: 3)).sum().backward()
        XCTAssertEqual(y.gradient!, [8, 8])
    }

    /// Gradients accumulate across backward passes until `zeroGrad`.
    func testGradientsAccumulateUntilZeroed() {
        let x = Tensor(shape: [2], values: [1, 2], requiresGrad: true)
        x.scaled(by: 3).sum().backward()
        x.scaled(by: 3).sum().backward()
        XCTAssertEqual(x.gradient!, [6, 6])
        x.zeroGrad()
        XCTAssertEqual(x.gradient!, [0, 0])
    }

    /// The same for rules whose first write overwrites an uninitialized gradient buffer (matmul,
    /// affine, cross entropy) and whose later writes add: two passes give twice one pass.
    func testOverwritingRulesAccumulateOnLaterPasses() {
        var generator = SeededGenerator(seed: 121)
        let x = uniformTensor([3, 4], &generator), w = uniformTensor([4, 5], &generator)
        let base = uniformTensor([3, 5], &generator)
        let inputs = [x, w, base]
        for input in inputs { input.requiresGrad = true }
        func pass() {
            let logits = Tensor.affine([(x, w)], base: base).matmul(w, transposeOther: true)
            logits.crossEntropy(targets: [1, 0, 3], smoothing: 0.1, ignoreIndex: 0).loss.backward()
        }
        pass()
        let once = inputs.map { $0.gradient! }
        pass()
        for (input, single) in zip(inputs, once) {
            assertClose(input.gradient!, single.map { 2 * $0 }, accuracy: 1e-6, "\(input.shape)")
        }
    }

    func testRecordingAndBackwardBookkeeping() {
        let parameter = Tensor(shape: [2], values: [1, 2], requiresGrad: true)
        let constant = Tensor(shape: [2], values: [3, 4])
        // Ops on constants record nothing and their outputs need no gradient.
        let c = constant * constant
        XCTAssertEqual(Tape.count, 0)
        XCTAssertFalse(c.requiresGrad)
        // An op with one parameter input records one rule and marks its output.
        let y = parameter * constant
        XCTAssertEqual(Tape.count, 1)
        XCTAssertTrue(y.requiresGrad)
        let loss = y.sum()
        XCTAssertEqual(Tape.count, 2)
        loss.backward()
        XCTAssertEqual(Tape.count, 0, "backward consumes the rules")
        XCTAssertEqual(parameter.gradient!, [3, 4])
        XCTAssertNil(constant.gradient, "no gradient buffer for a constant")
        _ = parameter.scaled(by: 2)
        XCTAssertEqual(Tape.count, 1)
        Tape.reset()
        XCTAssertEqual(Tape.count, 0)
    }

    /// Inference mode records nothing and no output requires a gradient, even from parameters;
    /// recording resumes afterwards, also after nesting.
    func testWithoutRecording() {
        var generator = SeededGenerator(seed: 120)
        let w = uniformTensor([3, 3], &generator)
        w.requiresGrad = true
        let x = uniformTensor([2, 3], &generator)
        let before = Tape.count
        let outputs: [Tensor] = Tape.withoutRecording {
            let h = x.matmul(w).tanh()
            let (hidden, cell) = Tensor.lstmCell(gates: Tensor.concatColumns([h, h, h, h]), previousCell: h)
            let inner = Tape.withoutRecording { (hidden + cell).sigmoid() }
            XCTAssertFalse(Tape.isRecording, "leaving a nested block keeps the outer one's state")
            let loss = inner.crossEntropy(targets: [0, 2]).loss
            return [h, hidden, cell, inner, loss]
        }
        XCTAssertEqual(Tape.count, before)
        for output in outputs { XCTAssertFalse(output.requiresGrad, "\(output.shape)") }
        XCTAssertTrue(Tape.isRecording)
        _ = x.matmul(w)
        XCTAssertEqual(Tape.count, before + 1)
    }

    /// backward(from:) seeds dL/dL = 1.
    func testSeedIsOne() {
        let x = Tensor(scalar: 3, requiresGrad: true)
        let loss = x.scaled(by: 1)
        loss.backward()
        XCTAssertEqual(loss.gradient!, [1])
        XCTAssertEqual(x.gradient!, [1])
    }
}
