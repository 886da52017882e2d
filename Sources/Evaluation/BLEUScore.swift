import Foundation

/// A BLEU result, with what sacrebleu prints beside it.
///
/// Encodes to JSON with sacrebleu's field names (`name`, `counts`, `bp`, `hyp_len`, …).
public struct BLEUScore: Equatable, Sendable, Encodable, CustomStringConvertible {
    /// BLEU on a 0–100 scale.
    public var score: Double
    /// `precisions[n - 1]`: the (smoothed) n-gram precision in percent.
    public var precisions: [Double]
    /// Matched n-grams per order (sacrebleu's `counts`).
    public var matches: [Int]
    /// Hypothesis n-grams per order.
    public var totals: [Int]
    /// Brevity penalty: 1 if hypothesisLength ≥ referenceLength, else exp(1 − r/c), and 0 for
    /// an empty hypothesis.
    public var brevityPenalty: Double
    /// hypothesisLength / referenceLength (0 if the references are empty).
    public var ratio: Double
    public var hypothesisLength: Int
    public var referenceLength: Int
    /// E.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0+nmt`.
    public var signature: String

    public init(score: Double, precisions: [Double], matches: [Int], totals: [Int],
                brevityPenalty: Double, hypothesisLength: Int, referenceLength: Int,
                signature: String) {
        self.score = score
        self.precisions = precisions
        self.matches = matches
        self.totals = totals
        self.brevityPenalty = brevityPenalty
        self.ratio = referenceLength > 0 ? Double(hypothesisLength) / Double(referenceLength) : 0
        self.hypothesisLength = hypothesisLength
        self.referenceLength = referenceLength
        self.signature = signature
    }

    /// sacrebleu's text line with the signature moved to the end:
    /// `BLEU = 34.21 65.1/41.0/27.9/19.3 (BP = 0.981 ratio = 0.981 hyp_len = 9876 ref_len =
    /// 10067) nrefs:1|case:mixed|…`. Score to 2 decimals, precisions 1, BP and ratio 3.
    public var description: String {
        let precisionText = precisions.map { String(format: "%.1f", $0) }.joined(separator: "/")
        return "BLEU = \(String(format: "%.2f", score)) \(precisionText) "
            + "(BP = \(String(format: "%.3f", brevityPenalty)) "
            + "ratio = \(String(format: "%.3f", ratio)) "
            + "hyp_len = \(hypothesisLength) ref_len = \(referenceLength)) \(signature)"
    }

    private enum CodingKeys: String, CodingKey {
        case name, score, precisions, totals, ratio, signature
        case matches = "counts"
        case brevityPenalty = "bp"
        case hypothesisLength = "hyp_len"
        case referenceLength = "ref_len"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("BLEU", forKey: .name)
        try container.encode(score, forKey: .score)
        try container.encode(precisions, forKey: .precisions)
        try container.encode(matches, forKey: .matches)
        try container.encode(totals, forKey: .totals)
        try container.encode(brevityPenalty, forKey: .brevityPenalty)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(hypothesisLength, forKey: .hypothesisLength)
        try container.encode(referenceLength, forKey: .referenceLength)
        try container.encode(signature, forKey: .signature)
    }
}
