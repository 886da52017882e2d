import Autodiff
import Layers
@testable import Model
import TestSupport
@testable import Translation
import XCTest

/// The mapping onto CTranslate2's TransformerSpec, checked without CTranslate2: every parameter
/// of our Transformer is exported exactly once (transposed where CTranslate2 stores [out, in]),
/// the fixed parts (positions, ε) are ours, and nothing else is made up.
final class CTranslate2LayoutTests: XCTestCase {
    static func transformer(tied: Bool, layers: Int = 2) -> (model: Seq2Seq, transformer: Transformer) {
        var config = ModelConfiguration(sourceVocabularySize: 11, targetVocabularySize: 10)
        config.architecture = .transformer
        config.attention = .scaledDot
        config.embeddingSize = 8
        config.transformerLayers = layers
        config.transformerHeads = 2
        config.feedForwardSize = 12
        config.dropout = 0
        config.tieEmbeddings = tied ? .target : .none
        let model = Seq2Seq(config, seed: 4)
        ModelFixtures.randomize(model, seed: 9)
        guard case .transformer(let transformer) = model.architecture else { preconditionFailure("a Transformer") }
        return (model, transformer)
    }

    func testTransposedStackPutsEachTransposeBelowTheLast() {
        let a = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])   // [in 2, out 3]
        let b = Tensor(shape: [2, 1], values: [7, 8])
        let stacked = CTranslate2Layout.transposedStack([a, b])
        XCTAssertEqual(stacked.shape, [4, 2])
        XCTAssertEqual(Array(UnsafeBufferPointer(start: stacked.data, count: 8)), [1, 4, 2, 5, 3, 6, 7, 8])
    }

    /// Every value of every parameter appears in the export: each parameter's values, as a
    /// multiset, are found in exactly the variable it maps to (a transpose or a block of a fused
    /// projection keeps the values). Counting values over all variables, each parameter is used
    /// once, plus once more for the tied embedding that doubles as the projection.
    func testEveryParameterIsExportedOnce() {
        for tied in [false, true] {
            let (model, transformer) = Self.transformer(tied: tied)
            let variables = CTranslate2Layout.variables(of: transformer, positions: 7)
            XCTAssertEqual(Set(variables.map(\.name)).count, variables.count, "names are unique")
            let exported = variables.filter { !$0.name.hasSuffix("position_encodings/encodings") }
            let exportedCount = exported.reduce(0) { $0 + $1.tensor.count }
            let parameterCount = model.namedParameters.reduce(0) { $0 + $1.tensor.count }
            let tiedExtra = tied ? transformer.decoder.embedding.weight.count : 0
            XCTAssertEqual(exportedCount, parameterCount + tiedExtra, "tied: \(tied)")
            var remaining: [Float: Int] = [:]
            for variable in exported {
                for i in 0..<variable.tensor.count { remaining[variable.tensor.data[i], default: 0] += 1 }
            }
            for (name, parameter) in model.namedParameters {
                for i in 0..<parameter.count {
                    let value = parameter.data[i]
                    guard let count = remaining[value], count > 0 else {
                        return XCTFail("\(name)[\(i)] = \(value) is not in the export (tied: \(tied))")
                    }
                    remaining[value] = count - 1
                }
            }
        }
    }

    func testAttentionWeightsAreFusedAndTransposed() throws {
        let (_, transformer) = Self.transformer(tied: true)
        let variables = Dictionary(uniqueKeysWithValues: CTranslate2Layout.variables(of: transformer, positions: 5).map { ($0.name, $0.tensor) })
        let d = 8
        let selfAttention = transformer.encoder.layers[1].selfAttention
        let fused = try XCTUnwrap(variables["encoder/layer_1/self_attention/linear_0/weight"])
        XCTAssertEqual(fused.shape, [3 * d, d])
        // Row r of block k is column r of W_k: fused[k·d + r, i] = W_k[i, r].
        for (block, weight) in [selfAttention.queryWeight, selfAttention.keyWeight, selfAttention.valueWeight].enumerated() {
            for r in 0..<d {
                for i in 0..<d { XCTAssertEqual(fused.data[(block * d + r) * d + i], weight.data[i * d + r]) }
            }
        }
        let cross = transformer.decoder.layers[0].crossAttention
        let keysAndValues = try XCTUnwrap(variables["decoder/layer_0/attention/linear_1/weight"])
        XCTAssertEqual(keysAndValues.shape, [2 * d, d])
        XCTAssertEqual(keysAndValues.data[(d + 3) * d + 5], cross.valueWeight.data[5 * d + 3])
        XCTAssertEqual(try XCTUnwrap(variables["decoder/layer_0/attention/linear_0/weight"]).data[1 * d + 2], cross.queryWeight.data[2 * d + 1])
        let innerWeight = try XCTUnwrap(variables["decoder/layer_1/ffn/linear_0/weight"])
        XCTAssertEqual(innerWeight.shape, [12, d])
        XCTAssertTrue(variables["decoder/projection/weight"] === transformer.decoder.embedding.weight, "tied: the embedding itself")
        XCTAssertTrue(variables["decoder/projection/bias"] === transformer.decoder.outputBias)
    }

    func testThePositionTableIsOurSinusoids() {
        let table = CTranslate2Layout.positionTable(6, size: 8)
        XCTAssertEqual(table.shape, [6, 8])
        for p in 0..<6 {
            for j in 0..<8 { XCTAssertEqual(table.data[p * 8 + j], PositionalEncoding.value(position: p, feature: j, size: 8)) }
        }
        // Interleaved: feature 0 is sin(p), feature 1 cos(p).
        XCTAssertEqual(table.data[3 * 8], Float(sin(3.0)), accuracy: 1e-6)
        XCTAssertEqual(table.data[3 * 8 + 1], Float(cos(3.0)), accuracy: 1e-6)
    }

    /// The ε given to CTranslate2 is the one our LayerNorm uses: on a row whose variance is
    /// comparable to ε, (x − mean)/√(var + ε) with another ε would give other values.
    func testTheLayerNormEpsilonIsOurs() {
        let values: [Float] = [0.001, -0.002, 0.004, 0.0005]
        let normalized = LayerNorm(4)(Tensor(shape: [1, 4], values: values))
        let mean = values.reduce(0, +) / 4
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
        let epsilon = CTranslate2Layout.layerNormEpsilon
        XCTAssertGreaterThan(epsilon, variance / 10, "the check needs ε to matter")
        for i in 0..<4 {
            XCTAssertEqual(normalized.data[i], (values[i] - mean) / (variance + epsilon).squareRoot(), accuracy: 1e-4)
        }
    }

    func testTheOptionsNameTheModelsShape() {
        let (model, transformer) = Self.transformer(tied: false, layers: 3)
        let options = CTranslate2Layout.options(of: transformer, sourceVocabulary: ["s"], targetVocabulary: ["t"])
        XCTAssertEqual(options.encoderLayers, 3)
        XCTAssertEqual(options.decoderLayers, 3)
        XCTAssertEqual(options.heads, model.config.transformerHeads)
        XCTAssertTrue(options.preNorm)
        XCTAssertTrue(options.addSourceEOS)
        XCTAssertEqual(options.activation, 0, "CTranslate2's Activation.RELU")
    }
}
