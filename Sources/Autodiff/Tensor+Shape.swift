/// Concatenation and slicing along the last axis, stacking and slicing along the first (time-
/// major sequences are stacks of [batch, features] steps), and reshaping.
extension Tensor {
    /// [m, n₁], [m, n₂], … → [m, n₁ + n₂ + …]. Backward copies each column block back.
    public static func concatColumns(_ parts: [Tensor]) -> Tensor {
        precondition(!parts.isEmpty, "concatColumns of nothing")
        let m = parts[0].rows
        precondition(parts.allSatisfy { $0.rows == m }, "concatColumns row counts differ: \(parts.map(\.shape))")
        let widths = parts.map(\.columns)
        let n = widths.reduce(0, +)
        let y = Tensor(uninitialized: [m, n])
        var offset = 0
        for (part, width) in zip(parts, widths) {
            copyColumns(from: part.data, sourceWidth: width, sourceOffset: 0,
                        to: y.data, destinationWidth: n, destinationOffset: offset, rows: m, width: width, accumulate: false)
            offset += width
        }
        Tape.record(y, inputs: parts) {
            guard let g = y.grad else { return }
            var offset = 0
            for (part, width) in zip(parts, widths) {
                if part.requiresGrad {
                    copyColumns(from: g, sourceWidth: n, sourceOffset: offset,
                                to: part.gradBuffer(), destinationWidth: width, destinationOffset: 0, rows: m, width: width, accumulate: true)
                }
                offset += width
            }
        }
        return y
    }

    /// Columns `range` of a matrix: [m, n] → [m, range.count].
    public func sliceColumns(_ range: Range<Int>) -> Tensor {
        let x = self
        let m = rows, n = columns, width = range.count
        precondition(range.lowerBound >= 0 && range.upperBound <= n, "columns \(range) of \(shape)")
        let y = Tensor(uninitialized: [m, width])
        copyColumns(from: x.data, sourceWidth: n, sourceOffset: range.lowerBound,
                    to: y.data, destinationWidth: width, destinationOffset: 0, rows: m, width: width, accumulate: false)
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            copyColumns(from: g, sourceWidth: width, sourceOffset: 0,
                        to: x.gradBuffer(), destinationWidth: n, destinationOffset: range.lowerBound, rows: m, width: width, accumulate: true)
        }
        return y
    }

    /// Stacks tensors of equal column count along the first axis: T steps of [B, n] → [T·B, n]
    /// (time-major: row t·B + b).
    public static func stackRows(_ parts: [Tensor]) -> Tensor {
        precondition(!parts.isEmpty, "stackRows of nothing")
        let n = parts[0].columns
        precondition(parts.allSatisfy { $0.columns == n }, "stackRows column counts differ")
        let total = parts.reduce(0) { $0 + $1.rows }
        let y = Tensor(uninitialized: [total, n])
        var offset = 0
        for part in parts {
            (y.data + offset).update(from: part.data, count: part.count)
            offset += part.count
        }
        Tape.record(y, inputs: parts) {
            guard let g = y.grad else { return }
            var offset = 0
            for part in parts {
                if part.requiresGrad { let at = offset; part.addToGradient { i in g[at + i] } }
                offset += part.count
            }
        }
        return y
    }

    /// Rows `range` of a matrix: [m, n] → [range.count, n] (one time step of a time-major stack).
    public func sliceRows(_ range: Range<Int>) -> Tensor {
        let x = self
        let n = columns
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) of \(shape)")
        let y = Tensor(uninitialized: [range.count, n])
        y.data.update(from: x.data + range.lowerBound * n, count: y.count)
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            addInPlace(g, into: x.gradBuffer() + range.lowerBound * n, count: y.count)
        }
        return y
    }

    /// The same values under another shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        let x = self
        let y = Tensor(uninitialized: newShape)
        precondition(y.count == count, "cannot reshape \(shape) to \(newShape)")
        y.data.update(from: x.data, count: count)
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            x.addToGradient { i in g[i] }
        }
        return y
    }
}

/// Copies (or adds) a block of `width` columns between two row-major matrices with `rows` rows.
@inline(__always)
func copyColumns(from source: UnsafePointer<Float>, sourceWidth: Int, sourceOffset: Int,
                 to destination: UnsafeMutablePointer<Float>, destinationWidth: Int, destinationOffset: Int,
                 rows: Int, width: Int, accumulate: Bool) {
    for r in 0..<rows {
        let s = source + r * sourceWidth + sourceOffset
        let d = destination + r * destinationWidth + destinationOffset
        if accumulate {
            for c in 0..<width { d[c] += s[c] }
        } else {
            d.update(from: s, count: width)
        }
    }
}
