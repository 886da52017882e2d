import Autodiff
import Layers
import Model

/// Our Transformer as the variables of CTranslate2's `TransformerSpec`, named as the spec names
/// them (`encoder/layer_0/self_attention/linear_0/weight`), and the spec options that give the
/// same function. What maps, and how:
///
/// - pre-norm layers with a final LayerNorm on both stacks: `pre_norm = True` (the spec's
///   default, which keeps `encoder/layer_norm` and `decoder/layer_norm`); LayerNorm ε = 1e-5
///   (`Tensor.layerNorm`'s) as `layer_norm_epsilon`, gain → gamma, bias → beta;
/// - inputs √d · E[id] + PE(position): `scale_embeddings = True` (the spec's default) and our
///   sinusoidal table itself, PE(p, 2i) = sin, PE(p, 2i + 1) = cos (interleaved, as
///   `PositionalEncoding` computes it), as `position_encodings/encodings` [P, d];
/// - attention: projections without biases, heads side by side in the d columns, scores scaled
///   by 1/√(d/H): the spec's fused self-attention `linear_0` = [W_q; W_k; W_v]ᵀ [3d, d], its
///   cross-attention `linear_0` = W_qᵀ and `linear_1` = [W_k; W_v]ᵀ [2d, d], the output
///   projection last; no bias is set, and CTranslate2 then adds none;
/// - feed-forward max(0, x W₁ + b₁) W₂ + b₂: ReLU (`activation = 0`), `ffn/linear_0` and
///   `ffn/linear_1` with their biases;
/// - output: `decoder/projection` = W_outᵀ [V, d] and its bias, or with tied embeddings the
///   target embedding [V, d] itself and the tied bias (the converter stores it once, as an alias).
///
/// Our weights are stored [in, out] (y = x W); CTranslate2's linear weights are [out, in].
/// Nothing of our Transformer is left without a counterpart: the tests check that every
/// parameter is used and that CTranslate2 decodes what we decode.
package enum CTranslate2Layout {
    /// ε of every LayerNorm of our Transformer: `Tensor.layerNorm`'s default, which `LayerNorm` uses.
    package static let layerNormEpsilon: Float = 1e-5

    /// The spec's options: `TransformerSpec.from_config` arguments and config values.
    package struct Options: Codable, Equatable {
        package var encoderLayers: Int
        package var decoderLayers: Int
        package var heads: Int
        package var preNorm = true
        /// CTranslate2's `Activation.RELU`.
        package var activation = 0
        package var layerNormEpsilon = CTranslate2Layout.layerNormEpsilon
        /// Our encoder reads the source units followed by </s>: CTranslate2 appends it.
        package var addSourceEOS = true
        package var sourceVocabulary: [String]
        package var targetVocabulary: [String]

        enum CodingKeys: String, CodingKey {
            case encoderLayers = "encoder_layers", decoderLayers = "decoder_layers", heads, preNorm = "pre_norm"
            case activation, layerNormEpsilon = "layer_norm_epsilon", addSourceEOS = "add_source_eos"
            case sourceVocabulary = "source_vocabulary", targetVocabulary = "target_vocabulary"
        }
    }

    /// The spec's variables for `transformer`, with a position table of `positions` rows.
    package static func variables(of transformer: Transformer, positions: Int) -> [(name: String, tensor: Tensor)] {
        let encoder = transformer.encoder, decoder = transformer.decoder
        let table = positionTable(positions, size: encoder.embedding.dimension)
        var result: [(name: String, tensor: Tensor)] = [
            ("encoder/embeddings_0/weight", encoder.embedding.weight),
            ("encoder/position_encodings/encodings", table),
        ]
        result += norm(encoder.finalNorm, "encoder/layer_norm")
        for (index, layer) in encoder.layers.enumerated() {
            let scope = "encoder/layer_\(index)"
            result += selfAttention(layer.selfAttention, norm: layer.selfNorm, "\(scope)/self_attention")
            result += feedForward(layer.feedForward, norm: layer.feedForwardNorm, "\(scope)/ffn")
        }
        result += [
            ("decoder/embeddings/weight", decoder.embedding.weight),
            ("decoder/position_encodings/encodings", table),
        ]
        result += norm(decoder.finalNorm, "decoder/layer_norm")
        if let output = decoder.output {
            result.append(("decoder/projection/weight", transposedStack([output.weight])))
            if let bias = output.bias { result.append(("decoder/projection/bias", bias)) }
        } else {
            result.append(("decoder/projection/weight", decoder.embedding.weight))
            if let bias = decoder.outputBias { result.append(("decoder/projection/bias", bias)) }
        }
        for (index, layer) in decoder.layers.enumerated() {
            let scope = "decoder/layer_\(index)"
            result += selfAttention(layer.selfAttention, norm: layer.selfNorm, "\(scope)/self_attention")
            let cross = layer.crossAttention
            result += norm(layer.crossNorm, "\(scope)/attention/layer_norm")
            result += [
                ("\(scope)/attention/linear_0/weight", transposedStack([cross.queryWeight])),
                ("\(scope)/attention/linear_1/weight", transposedStack([cross.keyWeight, cross.valueWeight])),
                ("\(scope)/attention/linear_2/weight", transposedStack([cross.outputWeight])),
            ]
            result += feedForward(layer.feedForward, norm: layer.feedForwardNorm, "\(scope)/ffn")
        }
        return result
    }

    /// The options for `transformer` with these vocabularies.
    package static func options(of transformer: Transformer, sourceVocabulary: [String], targetVocabulary: [String]) -> Options {
        Options(encoderLayers: transformer.encoder.layers.count, decoderLayers: transformer.decoder.layers.count,
                heads: transformer.encoder.layers.first?.selfAttention.heads ?? 1,
                sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary)
    }

    /// PE(p, j) for p < `positions`, j < `size`: [positions, size].
    package static func positionTable(_ positions: Int, size d: Int) -> Tensor {
        let table = Tensor(uninitialized: [positions, d])
        for p in 0..<positions {
            for j in 0..<d { table.data[p * d + j] = PositionalEncoding.value(position: p, feature: j, size: d) }
        }
        return table
    }

    private static func norm(_ norm: LayerNorm, _ scope: String) -> [(name: String, tensor: Tensor)] {
        [("\(scope)/gamma", norm.gain), ("\(scope)/beta", norm.bias)]
    }

    private static func selfAttention(_ attention: MultiHeadAttention, norm layerNorm: LayerNorm,
                                      _ scope: String) -> [(name: String, tensor: Tensor)] {
        norm(layerNorm, "\(scope)/layer_norm") + [
            ("\(scope)/linear_0/weight", transposedStack([attention.queryWeight, attention.keyWeight, attention.valueWeight])),
            ("\(scope)/linear_1/weight", transposedStack([attention.outputWeight])),
        ]
    }

    private static func feedForward(_ feedForward: FeedForward, norm layerNorm: LayerNorm,
                                    _ scope: String) -> [(name: String, tensor: Tensor)] {
        var result = norm(layerNorm, "\(scope)/layer_norm")
        for (index, linear) in [feedForward.inner, feedForward.outer].enumerated() {
            result.append(("\(scope)/linear_\(index)/weight", transposedStack([linear.weight])))
            if let bias = linear.bias { result.append(("\(scope)/linear_\(index)/bias", bias)) }
        }
        return result
    }

    /// Matrices [n, mᵢ] (stored [in, out]) → their transposes stacked as rows, [Σ mᵢ, n].
    package static func transposedStack(_ parts: [Tensor]) -> Tensor {
        let n = parts[0].rows
        precondition(parts.allSatisfy { $0.rows == n }, "the parts of a fused projection share their input size")
        let stacked = Tensor(uninitialized: [parts.reduce(0) { $0 + $1.columns }, n])
        var row = 0
        for part in parts {
            let m = part.columns
            for i in 0..<n {
                for j in 0..<m { stacked.data[(row + j) * n + i] = part.data[i * m + j] }
            }
            row += m
        }
        return stacked
    }
}
