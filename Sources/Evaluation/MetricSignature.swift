import Foundation

/// sacrebleu-style reproducibility signatures: `key:value` pairs joined by `|`, `version` last,
/// e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0+nmt`.
public enum MetricSignature {
    /// The sacrebleu release whose algorithms this module reproduces and against which
    /// `scripts/checks/bleu.sh` checks it.
    public static let sacrebleuVersion = "2.6.0"

    /// The `version` field: `2.6.0+nmt`. The `+nmt` suffix (a PEP 440 local-version label) says
    /// that the numbers follow sacrebleu 2.6.0's definitions but were computed by this Swift
    /// reimplementation, not by sacrebleu itself, so the signature never passes for sacrebleu's
    /// own while still naming the semantics it matches.
    public static let version = "\(sacrebleuVersion)+nmt"

    /// Joins `fields` and appends the version field.
    static func format(_ fields: KeyValuePairs<String, String>) -> String {
        (fields.map { "\($0.key):\($0.value)" } + ["version:\(version)"]).joined(separator: "|")
    }
}
