/// Where the real tokens are in a time-major padded batch: T steps × B sentences, row t·B + b,
/// sentence b real for t < lengths[b].
public struct SequenceLayout: Equatable, Sendable {
    public let steps: Int
    public let batch: Int
    public let lengths: [Int]

    public init(lengths: [Int], steps: Int? = nil) {
        self.lengths = lengths
        self.batch = lengths.count
        self.steps = steps ?? (lengths.max() ?? 0)
        precondition(lengths.allSatisfy { $0 >= 0 && $0 <= self.steps }, "lengths \(lengths) exceed \(self.steps) steps")
    }

    /// 1/0 per row t·B + b: 1 where the token is real. [T·B].
    public var mask: [Float] {
        var mask = [Float](repeating: 0, count: steps * batch)
        for (b, length) in lengths.enumerated() { for t in 0..<length { mask[t * batch + b] = 1 } }
        return mask
    }

    /// The mask of step t: [B].
    public func active(at t: Int) -> [Float] { lengths.map { t < $0 ? 1 : 0 } }

    /// Row permutation that reverses each sentence's real tokens and leaves padding in place:
    /// row t·B + b ↔ (len_b − 1 − t)·B + b for t < len_b. Its own inverse.
    public var reversal: [Int32] {
        var index = [Int32](repeating: 0, count: steps * batch)
        for b in 0..<batch {
            for t in 0..<steps {
                let source = t < lengths[b] ? lengths[b] - 1 - t : t
                index[t * batch + b] = Int32(source * batch + b)
            }
        }
        return index
    }
}
