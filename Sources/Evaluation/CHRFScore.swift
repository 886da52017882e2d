import Foundation

/// A chrF result. Encodes to JSON as `name`, `score`, `signature` and the summed `statistics`.
public struct CHRFScore: Equatable, Sendable, Encodable, CustomStringConvertible {
    /// `chrF2`, or `chrF2++` with word order 2: β, then one `+` per word order.
    public var name: String
    /// chrF on a 0–100 scale.
    public var score: Double
    /// E.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0+nmt`.
    public var signature: String
    public var statistics: CHRFStatistics

    public init(name: String, score: Double, signature: String, statistics: CHRFStatistics) {
        self.name = name
        self.score = score
        self.signature = signature
        self.statistics = statistics
    }

    /// `chrF2 = 56.78 nrefs:1|case:mixed|…`: sacrebleu's text line with the signature at the end.
    public var description: String {
        "\(name) = \(String(format: "%.2f", score)) \(signature)"
    }
}
