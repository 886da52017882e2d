extension Tensor {
    /// op(self) · op(other) for 2-D tensors; op transposes when asked. When nothing is recorded
    /// and `other` has an int8 or packed form whose output units are op(other)'s columns, a
    /// product by that form.
    /// self: [m, k] (or [k, m] transposed), other: [k, n] (or [n, k] transposed) → [m, n].
    ///
    /// Backward (G = dC): plain dA += G·Bᵀ, dB += Aᵀ·G; each transposed form swaps the roles, so
    /// all four cases are one GEMM per input with the right flags, accumulating (beta = 1).
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        precondition(shape.count == 2 && other.shape.count == 2, "matmul needs matrices, got \(shape) and \(other.shape)")
        let (m, k) = transposeSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
        let (k2, n) = transposeOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
        precondition(k == k2, "matmul inner dimensions differ: \(shape) · \(other.shape)")
        let a = self, b = other
        let c = Tensor(uninitialized: [m, n])
        if !transposeSelf {
            let units: WeightUnits = transposeOther ? .rows : .columns
            if let int8 = b.int8Form(units: units, input: a) {
                Int8Product.multiply(a, by: int8, into: c.data, accumulate: false)
                return c
            }
            if let packed = b.packedForm(units: units, input: a) {
                PackedProduct.multiply(a, by: packed, into: c.data, accumulate: false)
                return c
            }
        }
        GEMM.multiply(a.data, transposeA: transposeSelf, b.data, transposeB: transposeOther, into: c.data, m: m, n: n, k: k)
        Tape.record(c, inputs: [a, b]) {
            guard let g = c.grad else { return }
            if a.requiresGrad {
                let (da, fresh) = a.gradBufferForOverwrite()
                if transposeSelf {  // A is [k, m]: dA = op(B) · Gᵀ
                    GEMM.multiply(b.data, transposeA: transposeOther, g, transposeB: true, into: da, m: k, n: m, k: n, beta: fresh ? 0 : 1)
                } else {            // A is [m, k]: dA = G · op(B)ᵀ
                    GEMM.multiply(g, transposeA: false, b.data, transposeB: !transposeOther, into: da, m: m, n: k, k: n, beta: fresh ? 0 : 1)
                }
            }
            if b.requiresGrad {
                let (db, fresh) = b.gradBufferForOverwrite()
                if transposeOther { // B is [n, k]: dB = Gᵀ · op(A)
                    GEMM.multiply(g, transposeA: true, a.data, transposeB: transposeSelf, into: db, m: n, n: k, k: m, beta: fresh ? 0 : 1)
                } else {            // B is [k, n]: dB = op(A)ᵀ · G
                    GEMM.multiply(a.data, transposeA: !transposeSelf, g, transposeB: false, into: db, m: k, n: n, k: m, beta: fresh ? 0 : 1)
                }
            }
        }
        return c
    }

    /// The fused projection every layer uses: y = Σᵢ xᵢ · Wᵢ + bias (+ base rows).
    /// xᵢ: [m, kᵢ], Wᵢ: [kᵢ, n], bias: [n], base: [m, n] → y: [m, n].
    ///
    /// One output buffer, one GEMM per term with beta = 1, so a projection of a concatenation
    /// [x₁; x₂]·W never materializes the concatenation. A term whose weight has an int8 or a
    /// packed form runs as a product by that form when nothing is recorded (decoding:
    /// `Int8Product`, `PackedProduct`); such a first term starts from the bias in its kernel.
    /// Backward: dxᵢ += G·Wᵢᵀ, dWᵢ += xᵢᵀ·G, dbias += Σ_rows G, dbase += G.
    public static func affine(_ terms: [(Tensor, Tensor)], bias: Tensor? = nil, base: Tensor? = nil) -> Tensor {
        precondition(!terms.isEmpty, "affine needs at least one term")
        let m = terms[0].0.rows
        let n = terms[0].1.columns
        let y = Tensor(uninitialized: [m, n])
        // A first term multiplied by a decoding form (int8 or packed) starts from the bias in its
        // kernel: no separate pass copying the bias into y.
        let (firstX, firstW) = terms[0]
        let firstInt8 = base == nil ? firstW.int8Form(units: .columns, input: firstX) : nil
        let firstPacked = base == nil && firstInt8 == nil ? firstW.packedForm(units: .columns, input: firstX) : nil
        if let base {
            precondition(base.count == m * n, "affine base \(base.shape) for output [\(m), \(n)]")
            y.data.update(from: base.data, count: m * n)
        } else if let bias, firstInt8 == nil, firstPacked == nil {
            precondition(bias.count == n, "affine bias \(bias.shape) for \(n) outputs")
            for row in 0..<m { (y.data + row * n).update(from: bias.data, count: n) }
        }
        if base != nil, let bias {
            addRows(bias.data, into: y.data, rows: m, columns: n)
        }
        for (index, (x, w)) in terms.enumerated() {
            precondition(x.rows == m && w.shape.count == 2 && w.shape[0] == x.columns && w.shape[1] == n,
                         "affine term \(index): \(x.shape) · \(w.shape) → [\(m), \(n)]")
            let beta: Float = (index == 0 && base == nil && bias == nil) ? 0 : 1
            if index == 0, let firstInt8 {
                Int8Product.multiply(x, by: firstInt8, bias: bias, into: y.data, accumulate: false)
            } else if index == 0, let firstPacked {
                PackedProduct.multiply(x, by: firstPacked, bias: bias, into: y.data, accumulate: false)
            } else if let int8 = w.int8Form(units: .columns, input: x) {
                Int8Product.multiply(x, by: int8, into: y.data, accumulate: beta == 1)
            } else if let packed = w.packedForm(units: .columns, input: x) {
                PackedProduct.multiply(x, by: packed, into: y.data, accumulate: beta == 1)
            } else {
                GEMM.multiply(x.data, transposeA: false, w.data, transposeB: false, into: y.data, m: m, n: n, k: x.columns, beta: beta)
            }
        }
        var inputs = terms.flatMap { [$0.0, $0.1] }
        if let bias { inputs.append(bias) }
        if let base { inputs.append(base) }
        Tape.record(y, inputs: inputs) {
            guard let g = y.grad else { return }
            for (x, w) in terms {
                if x.requiresGrad {
                    let (dx, fresh) = x.gradBufferForOverwrite()
                    GEMM.multiply(g, transposeA: false, w.data, transposeB: true, into: dx, m: m, n: x.columns, k: n, beta: fresh ? 0 : 1)
                }
                if w.requiresGrad {
                    let (dw, fresh) = w.gradBufferForOverwrite()
                    GEMM.multiply(x.data, transposeA: true, g, transposeB: false, into: dw, m: x.columns, n: n, k: m, beta: fresh ? 0 : 1)
                }
            }
            if let bias, bias.requiresGrad { sumRows(g, into: bias.gradBuffer(), rows: m, columns: n) }
            if let base, base.requiresGrad {
                let (dbase, fresh) = base.gradBufferForOverwrite()
                if fresh { dbase.update(from: g, count: m * n) } else { addInPlace(g, into: dbase, count: m * n) }
            }
        }
        return y
    }
}

/// dst[r, c] += row[c] for every row r.
@inline(__always)
func addRows(_ row: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
    for r in 0..<rows {
        let d = dst + r * columns
        for c in 0..<columns { d[c] += row[c] }
    }
}

/// dst[c] += Σ_r src[r, c].
@inline(__always)
func sumRows(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
    for r in 0..<rows {
        let s = src + r * columns
        for c in 0..<columns { dst[c] += s[c] }
    }
}

/// dst[i] += src[i], split across cores when large.
@inline(__always)
func addInPlace(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
    Parallel.forEachChunk(count) { range in
        for i in range { dst[i] += src[i] }
    }
}
