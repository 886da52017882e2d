/// Which axis of a weight matrix [a, b] holds its output units, for the forms decoding multiplies
/// by (`Int8Weight`, `PackedWeight`): `.columns` for a weight used as x·W (W [inputs, outputs]:
/// Linear, LSTM, attention projections), `.rows` for a table used as x·Eᵀ (E [outputs, inputs]:
/// a target embedding that doubles as the output layer; a lookup reads its rows either way).
public enum WeightUnits: String, Codable, Sendable {
    case columns, rows

    /// (unit stride, input stride) of element (unit j, input p) in the row-major [a, b] matrix:
    /// W[p, j] for columns, E[j, p] for rows.
    func strides(shape: [Int]) -> (unit: Int, input: Int) {
        self == .columns ? (1, shape[1]) : (shape[1], 1)
    }

    /// (output units n, inputs k) of a matrix of this shape.
    func sizes(shape: [Int]) -> (units: Int, inputs: Int) {
        self == .columns ? (shape[1], shape[0]) : (shape[0], shape[1])
    }
}
