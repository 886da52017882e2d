@testable import Autodiff
import Layers
import TestSupport
import XCTest

final class TapeTests: XCTestCase {

    /// y = x·x + x uses x three times: dy/dx = 2x + 1 is the sum of all three contributions.
    func testValueUsedTwiceReceivesTheSumOfGradients() {
        let tape = Tape()
        let x = Tensor(shape: [3], values: [-1, 0.5, 2])
        tape.watch([x])
        tape.backward(from: (x * x + x).sum())
        XCTAssertEqual(x.gradient!, [-1, 2, 5])
        // The same through an intermediate used by two later ops: z = t + 3t with t = 2x.
        let y = Tensor(shape: [2], values: [1, 2])
        tape.watch([y])
        let t = y.scaled(by: 2)
        (t + t.scaled(by: 3)).sum().backward()
        XCTAssertEqual(y.gradient!, [8, 8])
    }

    /// Gradients accumulate across backward passes until `zeroGrad`.
    func testGradientsAccumulateUntilZeroed() {
        let tape = Tape()
        let x = Tensor(shape: [2], values: [1, 2])
        tape.watch([x])
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
        let tape = Tape()
        tape.watch(inputs)
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
        let tape = Tape()
        let parameter = Tensor(shape: [2], values: [1, 2])
        tape.watch([parameter])
        let constant = Tensor(shape: [2], values: [3, 4])
        // Ops on constants record nothing and their outputs need no gradient.
        let c = constant * constant
        XCTAssertEqual(tape.count, 0)
        XCTAssertFalse(c.requiresGrad)
        XCTAssertNil(c.tape)
        // An op with one watched input records one rule and puts its output on the tape.
        let y = parameter * constant
        XCTAssertEqual(tape.count, 1)
        XCTAssertTrue(y.requiresGrad)
        XCTAssertTrue(y.tape === tape)
        let loss = y.sum()
        XCTAssertEqual(tape.count, 2)
        loss.backward()
        XCTAssertEqual(tape.count, 0, "backward consumes the rules")
        XCTAssertEqual(parameter.gradient!, [3, 4])
        XCTAssertNil(constant.gradient, "no gradient buffer for a constant")
        _ = parameter.scaled(by: 2)
        XCTAssertEqual(tape.count, 1)
        tape.reset()
        XCTAssertEqual(tape.count, 0)
    }

    /// Inference: parameters on no tape record nothing and no output requires a gradient; a
    /// recording scope takes its parameters off the tape again when it ends.
    func testParametersOnNoTapeRecordNothing() {
        var generator = SeededGenerator(seed: 120)
        let w = Tensor(shape: [3, 3], values: (0..<9).map { _ in generator.nextUniform() }, requiresGrad: true)
        let x = uniformTensor([2, 3], &generator)
        let tape = Tape()
        let inference: () -> [Tensor] = {
            let h = x.matmul(w).tanh()
            let (hidden, cell) = Tensor.lstmCell(gates: Tensor.concatColumns([h, h, h, h]), previousCell: h)
            let inner = (hidden + cell).sigmoid()
            let loss = inner.crossEntropy(targets: [0, 2]).loss
            return [h, hidden, cell, inner, loss]
        }
        for output in inference() { XCTAssertNil(output.tape, "\(output.shape)") }
        XCTAssertEqual(tape.count, 0)
        let recorded = tape.recording([w]) { x.matmul(w) }
        XCTAssertEqual(tape.count, 1)
        XCTAssertTrue(recorded.tape === tape)
        XCTAssertNil(w.tape, "the scope's end takes the parameters off the tape")
        for output in inference() { XCTAssertNil(output.tape, "after recording: \(output.shape)") }
        XCTAssertEqual(tape.count, 1)
    }

    /// Two tapes record independently: each pass's rules and gradients stay on its own tape.
    func testTwoTapesDoNotSeeEachOther() {
        let (first, second) = (Tape(), Tape())
        let a = Tensor(shape: [2], values: [1, 2]), b = Tensor(shape: [2], values: [3, 5])
        first.watch([a])
        second.watch([b])
        let la = a.scaled(by: 2).sum(), lb = (b * b).sum()
        XCTAssertEqual([first.count, second.count], [2, 2])
        second.backward(from: lb)
        XCTAssertEqual([first.count, second.count], [2, 0])
        XCTAssertNil(a.gradient)
        XCTAssertEqual(b.gradient!, [6, 10])
        first.backward(from: la)
        XCTAssertEqual(a.gradient!, [2, 2])
    }

    /// Tensors hold their tape weakly: a result kept after its tape is gone keeps nothing alive
    /// and records nothing more.
    func testTensorsDoNotKeepTheirTapeAlive() {
        weak var released: Tape?
        let x = Tensor(shape: [2], values: [1, 2])
        var kept: Tensor?
        do {
            let tape = Tape()
            released = tape
            kept = tape.recording([x]) { x.scaled(by: 2) }
        }
        XCTAssertNil(released)
        XCTAssertNil(kept!.tape)
        XCTAssertNil(kept!.scaled(by: 3).tape)
    }

    /// backward(from:) seeds dL/dL = 1.
    func testSeedIsOne() {
        let tape = Tape()
        let x = Tensor(scalar: 3)
        tape.watch([x])
        let loss = x.scaled(by: 1)
        loss.backward()
        XCTAssertEqual(loss.gradient!, [1])
        XCTAssertEqual(x.gradient!, [1])
    }
}
