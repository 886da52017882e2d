import Autodiff
import Batching
import Files
import Foundation
import Layers
import Model
import Text
import Training
import Translation

/// Training throughput on the PyTorch peer's reference configuration (../shared/peers/
/// torch_s2s.py): Multi30k tok/ files, word vocabularies with minimum frequency 2, embeddings
/// 256, bidirectional encoder 2×256, decoder 512, attention 512, dropout 0.3, Adam 1e-3,
/// label smoothing 0.1, clipping at 1, batches of 64 sentences. Like the peer: 3 warm-up
/// batches, then `batches` timed forward+backward+update steps; prints one JSON line.
/// `architecture: .transformer` trains instead the Transformer of scripts/bench/transformer_torch.py
/// on the same batches: d 256, 3 + 3 layers, 4 heads, feed-forward 1024, dropout 0.3, untied.
/// `precision: .bfloat16` runs the products on bfloat16 inputs (`training.precision: bf16`).
func runTrainingBenchmark(data: String, source: String, target: String, batches: Int, workers: Int,
                          architecture: ModelArchitecture = .rnn, precision: ProductPrecision = .float32) throws {
    func read(_ split: String, _ language: String) throws -> [[String]] {
        try LineReader.lines(ofFile: "\(data)/\(split).\(language)").map { $0.split(separator: " ").map(String.init) }
    }
    let sources = try read("train", source), targets = try read("train", target)
    let sourceVocabulary = Vocabulary(counting: sources, minFrequency: 2)
    let targetVocabulary = Vocabulary(counting: targets, minFrequency: 2)
    let pairs = zip(sources, targets).map { EncodedPair(source: sourceVocabulary.encode($0), target: targetVocabulary.encode($1)) }
    let batcher = try Batcher(pairs: pairs, size: .sentences(64), maxLength: 1000, seed: 1)
    let plan = batcher.batches(epoch: 1)

    var config = ModelConfiguration(sourceVocabularySize: sourceVocabulary.count, targetVocabularySize: targetVocabulary.count)
    if architecture == .transformer {
        config.architecture = .transformer
        config.attention = .scaledDot
        config.embeddingSize = 256
        config.transformerLayers = 3
        config.transformerHeads = 4
        config.feedForwardSize = 1024
    }
    let model = Seq2Seq(config, seed: 1)
    let optimizer = Adam(parameters: model.namedParameters, learningRate: 1e-3)
    let gradients = DataParallelGradients(model: model, workers: workers, precision: precision)
    let dropout = Dropout(probability: config.dropout, generator: SeededGenerator(seed: 2))
    func step(_ batch: Batch) {
        _ = gradients.accumulate(batch, smoothing: 0.1, dropout: dropout)
        let norm = GradientClipping.globalNorm(model.parameters)
        optimizer.update(gradientScale: GradientClipping.scale(norm: norm, maxNorm: 1))
        gradients.synchronizeReplicas()
    }
    for batch in plan.prefix(3) { step(batch) }
    var tokens = 0
    let started = Date()
    for batch in plan.dropFirst(3).prefix(batches) {
        step(batch)
        tokens += batch.targetTokenCount
    }
    let seconds = Date().timeIntervalSince(started)
    let line: [String: Any] = [
        "peer": "swift-nmt", "architecture": architecture.rawValue, "precision": ProductPrecision.with(precision) { ProductPrecision.effective.description }, "threads": Parallel.cores, "workers": gradients.workers, "blas_kernel": BLASKernel.summary, "src_vocab": sourceVocabulary.count, "tgt_vocab": targetVocabulary.count,
        "params": model.parameterCount, "bench_batches": batches, "tgt_tokens": tokens,
        "seconds": (seconds * 100).rounded() / 100, "tgt_tokens_per_s": (Double(tokens) / seconds * 10).rounded() / 10,
    ]
    let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
}
