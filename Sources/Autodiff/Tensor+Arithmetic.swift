/// Elementwise add, subtract and multiply of equal shapes, or of a matrix [m, n] with a row [n]
/// broadcast over its rows (a bias); and scaling by a constant.
extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .add) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .subtract) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .multiply) }

    /// self · factor. Backward: dx += factor · G.
    public func scaled(by factor: Float) -> Tensor {
        let x = self
        let y = Tensor(uninitialized: shape)
        Parallel.forEachChunk(count) { range in
            for i in range { y.data[i] = x.data[i] * factor }
        }
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            x.addToGradient { i in factor * g[i] }
        }
        return y
    }

    enum BinaryOp { case add, subtract, multiply }

    /// `b` either has a's shape or is one row broadcast over a's rows.
    private static func binary(_ a: Tensor, _ b: Tensor, _ op: BinaryOp) -> Tensor {
        let columns = a.columns
        // A single-row a ([1, n] with b [n]) has equal counts: it takes the same-shape path,
        // where i % columns == i anyway.
        let broadcast = b.count != a.count
        precondition(a.shape == b.shape || (b.count == columns && b.rows == 1),
                     "elementwise op on \(a.shape) and \(b.shape): shapes must match or b must be one row")
        let y = Tensor(uninitialized: a.shape)
        let pa = a.data, pb = b.data, py = y.data
        if broadcast {
            // Row by row, so that the loop over a row's columns vectorizes (no index modulo).
            Parallel.forEachChunk(a.rows, threshold: max(1, Parallel.threshold / max(columns, 1))) { rows in
                for row in rows {
                    let ra = pa + row * columns, ry = py + row * columns
                    switch op {
                    case .add: for j in 0..<columns { ry[j] = ra[j] + pb[j] }
                    case .subtract: for j in 0..<columns { ry[j] = ra[j] - pb[j] }
                    case .multiply: for j in 0..<columns { ry[j] = ra[j] * pb[j] }
                    }
                }
            }
        } else {
            Parallel.forEachChunk(a.count) { range in
                switch op {
                case .add: for i in range { py[i] = pa[i] + pb[i] }
                case .subtract: for i in range { py[i] = pa[i] - pb[i] }
                case .multiply: for i in range { py[i] = pa[i] * pb[i] }
                }
            }
        }
        Tape.record(y, inputs: [a, b]) {
            guard let g = y.grad else { return }
            let n = a.count
            if a.requiresGrad {
                switch (op, broadcast) {
                case (.multiply, true): a.addToGradient { i in g[i] * pb[i % columns] }
                case (.multiply, false): a.addToGradient { i in g[i] * pb[i] }
                default: a.addToGradient { i in g[i] }
                }
            }
            if b.requiresGrad {
                switch (op, broadcast) {
                case (.multiply, false): b.addToGradient { i in g[i] * pa[i] }
                case (.add, false): b.addToGradient { i in g[i] }
                case (.subtract, false): b.addToGradient { i in -g[i] }
                default:
                    // One row broadcast: db[j] += Σ_rows, row by row so the inner loop vectorizes.
                    let db = b.gradBuffer()
                    for row in 0..<(n / max(columns, 1)) {
                        let gr = g + row * columns, ar = pa + row * columns
                        switch op {
                        case .multiply: for j in 0..<columns { db[j] += gr[j] * ar[j] }
                        case .add: for j in 0..<columns { db[j] += gr[j] }
                        case .subtract: for j in 0..<columns { db[j] -= gr[j] }
                        }
                    }
                }
            }
        }
        return y
    }
}
