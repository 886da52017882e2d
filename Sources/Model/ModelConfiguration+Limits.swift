import Layers

/// Bounds on a model's sizes, and its parameter layout computed from the sizes alone, so that a
/// configuration file or a checkpoint's metadata can be checked before anything is allocated.
extension ModelConfiguration {
    /// Largest embedding, hidden, attention and pre-output width. 8192 is 16× the reference
    /// configuration's widest layer; one 8192-wide LSTM already holds 4·8192² floats = 1 GiB.
    public static let maximumWidth = 8192
    /// Largest number of stacked encoder layers.
    public static let maximumEncoderLayers = 16
    /// Most attention heads.
    public static let maximumHeads = 64
    /// Largest vocabulary, special tokens included.
    public static let maximumVocabularySize = 1_000_000

    /// Each setting outside its range, as "embeddingSize must be …, found …" (the Swift names, as
    /// the checkpoint's `model` metadata spells them), from the vocabulary bounds and the
    /// `model:` table's rules. Empty when the sizes can be built.
    public var sizeProblems: [String] {
        var problems: [String] = []
        func check(_ value: Int, _ name: String, _ maximum: Int) {
            if value <= 0 {
                problems.append("\(name) must be a positive integer, found \(value)")
            } else if value > maximum {
                problems.append("\(name) must be at most \(maximum), found \(value)")
            }
        }
        check(sourceVocabularySize, "sourceVocabularySize", Self.maximumVocabularySize)
        check(targetVocabularySize, "targetVocabularySize", Self.maximumVocabularySize)
        for key in ModelSettings.keys {
            if let (value, maximum) = key.bound?(settings) {
                check(value, key.propertyName, maximum)
            } else if let problem = key.violation(settings) {
                problems.append("\(key.propertyName): \(problem)")
            }
        }
        if settings.tieEmbeddings == .all && sourceVocabularySize != targetVocabularySize {
            problems.append("tieEmbeddings: all needs one vocabulary for both languages, found \(sourceVocabularySize) source "
                            + "and \(targetVocabularySize) target entries")
        }
        return problems
    }

    /// The parameters `Seq2Seq` builds, by name and shape, in its order (ModelConfigurationTests
    /// holds the two together). Only for sizes without `sizeProblems`.
    public var parameterShapes: [(name: String, shape: [Int])] {
        settings.architecture == .transformer ? transformerParameterShapes : recurrentParameterShapes
    }

    private var recurrentParameterShapes: [(name: String, shape: [Int])] {
        let e = settings.embeddingSize, h = settings.encoderHiddenSize, d = settings.decoderHiddenSize, m = settings.memorySize
        let a = settings.attentionSize, p = settings.preOutputSize, vt = targetVocabularySize
        var shapes: [(name: String, shape: [Int])] = [("encoder.embedding.weight", [sourceVocabularySize, e])]
        for layer in 0..<settings.encoderLayers {
            for direction in settings.bidirectional ? ["forward", "backward"] : ["forward"] {
                let prefix = "encoder.lstm.layer\(layer).\(direction)"
                shapes += [("\(prefix).w_input", [layer == 0 ? e : m, 4 * h]), ("\(prefix).w_hidden", [h, 4 * h]), ("\(prefix).bias", [4 * h])]
            }
        }
        shapes += [("bridge.hidden.weight", [m, d]), ("bridge.hidden.bias", [d]),
                   ("bridge.cell.weight", [m, d]), ("bridge.cell.bias", [d])]
        // Tied all: the decoder reads the encoder's embedding, listed once.
        if settings.tieEmbeddings != .all { shapes.append(("decoder.embedding.weight", [vt, e])) }
        switch settings.attention {
        case _ where settings.attentionHeads > 1:
            let width = settings.attention == .additive ? a : m
            shapes += [("decoder.attention.w_query", [d, width]), ("decoder.attention.w_key", [m, width])]
            if settings.attention == .additive { shapes.append(("decoder.attention.energy", [width])) }
            shapes += [("decoder.attention.w_value", [m, m]), ("decoder.attention.w_output", [m, m])]
        case .additive:
            shapes += [("decoder.attention.w_query", [d, a]), ("decoder.attention.w_key", [m, a]), ("decoder.attention.energy", [a])]
        case .general:
            shapes.append(("decoder.attention.weight", [m, d]))
        case .dot, .scaledDot:
            break
        }
        shapes += [("decoder.lstm.w_embedding", [e, 4 * d]), ("decoder.lstm.w_context", [m, 4 * d]),
                   ("decoder.lstm.w_hidden", [d, 4 * d]), ("decoder.lstm.bias", [4 * d]),
                   ("decoder.pre_output.weight0", [d, p]), ("decoder.pre_output.weight1", [m, p]),
                   ("decoder.pre_output.weight2", [e, p]), ("decoder.pre_output.bias", [p])]
        if !settings.tieEmbeddings.tiesOutput { shapes.append(("decoder.output.weight", [p, vt])) }
        shapes.append(("decoder.output.bias", [vt]))
        return shapes
    }

    /// The Transformer's parameters, in `Transformer`'s order.
    private var transformerParameterShapes: [(name: String, shape: [Int])] {
        let d = settings.embeddingSize, f = settings.feedForwardSize, vt = targetVocabularySize
        func norm(_ prefix: String) -> [(name: String, shape: [Int])] { [("\(prefix).gain", [d]), ("\(prefix).bias", [d])] }
        func attention(_ prefix: String) -> [(name: String, shape: [Int])] {
            ["w_query", "w_key", "w_value", "w_output"].map { ("\(prefix).\($0)", [d, d]) }
        }
        func feedForward(_ prefix: String) -> [(name: String, shape: [Int])] {
            [("\(prefix).inner.weight", [d, f]), ("\(prefix).inner.bias", [f]),
             ("\(prefix).outer.weight", [f, d]), ("\(prefix).outer.bias", [d])]
        }
        var shapes: [(name: String, shape: [Int])] = [("encoder.embedding.weight", [sourceVocabularySize, d])]
        for layer in 0..<settings.transformerLayers {
            let prefix = "encoder.layer\(layer)"
            shapes += norm("\(prefix).self_norm") + attention("\(prefix).self_attention")
                + norm("\(prefix).feed_forward_norm") + feedForward("\(prefix).feed_forward")
        }
        shapes += norm("encoder.final_norm")
        if settings.tieEmbeddings != .all { shapes.append(("decoder.embedding.weight", [vt, d])) }
        for layer in 0..<settings.transformerLayers {
            let prefix = "decoder.layer\(layer)"
            shapes += norm("\(prefix).self_norm") + attention("\(prefix).self_attention")
                + norm("\(prefix).cross_norm") + attention("\(prefix).cross_attention")
                + norm("\(prefix).feed_forward_norm") + feedForward("\(prefix).feed_forward")
        }
        shapes += norm("decoder.final_norm")
        if !settings.tieEmbeddings.tiesOutput { shapes.append(("decoder.output.weight", [d, vt])) }
        shapes.append(("decoder.output.bias", [vt]))
        return shapes
    }

    /// Σ over `parameterShapes` of the product of the dimensions.
    public var parameterCount: Int {
        parameterShapes.reduce(0) { $0 + $1.shape.reduce(1, *) }
    }
}
