import ArgumentParser
import Files
import Search
import Translation

/// The model(s) translate and evaluate decode with: one checkpoint, or several as an ensemble
/// whose log-probabilities are averaged at every step.
struct ModelOptions: ParsableArguments {
    /// Each weight of an ensemble (they are scaled to sum to 1).
    static let weightRange: ClosedRange<Float> = 0.001...1000

    @Option(help: "The checkpoint file; repeat it to decode with an ensemble of checkpoints (same vocabularies).")
    var checkpoint: [String]

    @Option(name: .customLong("ensemble-weights"),
            help: "Comma-separated weights of the checkpoints, in order (default: equal; scaled to sum to 1).")
    var ensembleWeights: String?

    @Option(help: ArgumentHelp(DecodingPrecision.optionHelp))
    var precision: DecodingPrecision = .float32

    func validate() throws {
        guard !checkpoint.isEmpty else { throw ValidationError("Missing expected argument '--checkpoint <checkpoint>'") }
        if let weights = try parsedWeights(), weights.count != checkpoint.count {
            throw ValidationError("--ensemble-weights gives \(weights.count) weight\(weights.count == 1 ? "" : "s") for \(checkpoint.count) checkpoint\(checkpoint.count == 1 ? "" : "s")")
        }
    }

    private func parsedWeights() throws -> [Float]? {
        guard let ensembleWeights else { return nil }
        return try ensembleWeights.split(separator: ",", omittingEmptySubsequences: false).map { text in
            guard let weight = Float(text.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--ensemble-weights takes comma-separated numbers, not \(ensembleWeights)")
            }
            try RangeCheck.check(weight, in: ModelOptions.weightRange, "each of --ensemble-weights")
            return weight
        }
    }

    /// The first checkpoint (its configuration and text processing serve the whole ensemble)
    /// and the models decoding together, as inference needs them (`forInference`: the file's
    /// tensors let go, float32 weights packed for decoding in `precision`). bf16 on a CPU without
    /// the kernel: a warning, float32 packing; bf16 with an int8 checkpoint: `DecodingPrecisionError`.
    func load() throws -> (first: ModelCheckpoint, ensemble: Ensemble) {
        let (packing, warning) = precision.packing()
        if let warning { StandardError.write("nmt: \(warning)") }
        let checkpoints = try checkpoint.map { try ModelCheckpoint.loadForDecoding(from: $0, precision: precision, packing: packing) }
        return (checkpoints[0], try Ensemble(checkpoints: checkpoints, paths: checkpoint, weights: parsedWeights()))
    }
}

extension DecodingPrecision: ExpressibleByArgument {}
