/// The weight gradients of a projection applied once per time step, computed in one GEMM after
/// the backward pass has gone through every step.
///
/// A recurrence applies the same weights W [k, n] at each of T steps: y_t = x_t·W (+ …), with
/// x_t: [B, k]. Its weight gradient is dW = Σ_t x_tᵀ·G_t, T GEMMs with inner size B, each
/// packing and rewriting all of dW. Stacking the steps' rows instead gives the same sum as one
/// GEMM, dW += Xᵀ·G with X = [x_0; …; x_{T−1}] [T·B, k] and G = [G_0; …] [T·B, n], whose inner
/// size T·B keeps the kernel busy.
///
/// The weights do not change during the pass, so it also packs each of them once, both ways
/// (`PackedWeight`), in the precision of the thread's products (`ProductPrecision.effective`):
/// every step's x_t·W and G_t·Wᵀ then run on the packed copies instead of a kernel packing W
/// again for each of the 2·T products. In float32 only for steps of fewer than
/// `PackedProduct.rowLimit` rows (from the limit on, OpenBLAS's kernel is the faster one, as in
/// decoding); in bf16 at any number of rows (the packed bf16 kernel outruns the bf16 GEMM, which
/// rounds and packs W on every call).
///
/// Create it before the loop (its final GEMM is recorded then, so that on the tape it runs after
/// every step's backward rule), pass it to `Tensor.affine(_:base:deferring:step:)` at each
/// step. When no weight is on a tape (inference) `make` returns nil and the steps compute nothing
/// extra.
public final class DeferredWeightGradient {
    /// The weights whose gradients are deferred, in the order of the affine terms.
    public let weights: [Tensor]
    let rows: Int
    let steps: Int
    /// Per weight: the steps' inputs, [steps·rows, kᵢ].
    let inputs: [Tensor]
    /// The steps' output gradients, [steps·rows, n].
    let outputGradients: Tensor
    /// Per weight, packed for x·W (units along its columns) and for G·Wᵀ (units along its rows);
    /// nil for float32 steps of `PackedProduct.rowLimit` rows or more.
    let forward: [PackedWeight]?
    let backward: [PackedWeight]?
    private var filled: [Bool]

    /// nil when no weight is on a tape (inference).
    public static func make(weights: [Tensor], rows: Int, steps: Int) -> DeferredWeightGradient? {
        guard steps > 0, rows > 0, weights.contains(where: { $0.tape != nil }) else { return nil }
        return DeferredWeightGradient(weights: weights, rows: rows, steps: steps)
    }

    private init(weights: [Tensor], rows: Int, steps: Int) {
        precondition(weights.allSatisfy { $0.shape.count == 2 && $0.shape[1] == weights[0].shape[1] },
                     "deferred weights must share their output size: \(weights.map(\.shape))")
        self.weights = weights
        self.rows = rows
        self.steps = steps
        inputs = weights.map { Tensor(uninitialized: [steps * rows, $0.shape[0]]) }
        outputGradients = Tensor(uninitialized: [steps * rows, weights[0].shape[1]])
        filled = [Bool](repeating: false, count: steps)
        let precision = ProductPrecision.effective
        let packs = precision == .bfloat16 || rows < PackedProduct.rowLimit
        forward = packs ? weights.map { PackedWeight(packing: $0, units: .columns, precision: precision) } : nil
        backward = packs ? weights.map { PackedWeight(packing: $0, units: .rows, precision: precision) } : nil
        Tape.record(inputs: weights) { [self] in self.accumulate() }
    }

    /// Called by a step's backward rule: keeps x_t for each weight and G_t.
    func store(step: Int, inputs stepInputs: [UnsafePointer<Float>], gradient: UnsafePointer<Float>) {
        precondition(step >= 0 && step < steps, "step \(step) of \(steps)")
        for (stack, x) in zip(inputs, stepInputs) {
            let k = stack.columns
            (stack.data + step * rows * k).update(from: x, count: rows * k)
        }
        let n = outputGradients.columns
        (outputGradients.data + step * rows * n).update(from: gradient, count: rows * n)
        filled[step] = true
    }

    /// dWᵢ += Xᵢᵀ·G over the steps that received a gradient.
    private func accumulate() {
        let n = outputGradients.columns
        for step in 0..<steps where !filled[step] {
            // A step no gradient reached contributes nothing: zero rows in G.
            (outputGradients.data + step * rows * n).update(repeating: 0, count: rows * n)
        }
        guard filled.contains(true) else { return }
        for (w, x) in zip(weights, inputs) where w.requiresGrad {
            let (dw, fresh) = w.gradBufferForOverwrite()
            GEMM.multiply(x.data, transposeA: true, outputGradients.data, transposeB: false, into: dw,
                          m: x.columns, n: n, k: steps * rows, beta: fresh ? 0 : 1)
        }
    }
}

extension Tensor {
    /// One step of a recurrent projection: y = base + Σᵢ xᵢ·Wᵢ, where the Wᵢ are `deferred`'s
    /// weights, whose gradients `deferred` computes for all steps at once; dxᵢ and dbase as in
    /// `affine`. xᵢ: [B, kᵢ], base: [B, n] → y: [B, n]. With `deferred` nil this is
    /// `affine(terms, base:)`.
    public static func affine(_ terms: [(Tensor, Tensor)], base: Tensor, deferring deferred: DeferredWeightGradient?,
                              step: Int) -> Tensor {
        guard let deferred else { return affine(terms, base: base) }
        precondition(terms.count == deferred.weights.count && zip(terms, deferred.weights).allSatisfy { $0.1 === $1 },
                     "the terms' weights must be the deferred weights, in order")
        let m = base.rows, n = base.columns
        precondition(m == deferred.rows, "step rows \(m), deferred rows \(deferred.rows)")
        let y = Tensor(uninitialized: [m, n])
        y.data.update(from: base.data, count: m * n)
        for (index, (x, w)) in terms.enumerated() {
            precondition(x.rows == m && w.shape[0] == x.columns && w.shape[1] == n,
                         "affine term \(index): \(x.shape) · \(w.shape) → [\(m), \(n)]")
            if let forward = deferred.forward {
                PackedProduct.multiply(x, by: forward[index], into: y.data, accumulate: true)
            } else {
                GEMM.multiply(x.data, transposeA: false, w.data, transposeB: false, into: y.data, m: m, n: n, k: x.columns, beta: 1)
            }
        }
        Tape.record(y, inputs: terms.flatMap { [$0.0, $0.1] } + [base]) {
            guard let g = y.grad else { return }
            deferred.store(step: step, inputs: terms.map { UnsafePointer($0.0.data) }, gradient: g)
            for (index, (x, w)) in terms.enumerated() where x.requiresGrad {
                let (dx, fresh) = x.gradBufferForOverwrite()
                if let backward = deferred.backward {
                    PackedProduct.multiply(g, rows: m, by: backward[index], into: dx, accumulate: !fresh)
                } else {
                    GEMM.multiply(g, transposeA: false, w.data, transposeB: true, into: dx, m: m, n: x.columns, k: n, beta: fresh ? 0 : 1)
                }
            }
            if base.requiresGrad {
                let (dbase, fresh) = base.gradBufferForOverwrite()
                if fresh { dbase.update(from: g, count: m * n) } else { addInPlace(g, into: dbase, count: m * n) }
            }
        }
        return y
    }
}
