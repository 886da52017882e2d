import Autodiff
import Batching
import Dispatch
import Layers
import Model
import Text

/// The gradients of one training batch computed by several threads at once: each worker runs the
/// forward and backward pass of its share of the sentences on a replica of the model, with its
/// own tape and its products and kernels on one core, and the replicas' gradients are summed into the model's.
///
/// Why: at B = 64 the recurrent GEMMs ([64, 512]×[512, 2048]) and the fused step kernels split
/// poorly across two cores, and OpenBLAS's threads spend their time handing work over; whole
/// half-batches are independent and keep each core busy with its own work.
///
/// The loss is the mean over the batch's target tokens: each share's summed loss is scaled by
/// 1 / (tokens of the whole batch) before its backward pass, so the summed gradients are those of
/// the whole batch. With one worker this is exactly `Seq2Seq.loss(average: true)` and backward.
public final class DataParallelGradients {
    public let model: Seq2Seq
    public let workers: Int
    /// The precision of the products' inputs in the forward and backward passes (`training.precision`);
    /// weights, gradients and the optimizer stay float32.
    public let precision: ProductPrecision
    /// Workers 1…; worker 0 trains on `model` itself.
    private let replicas: [Seq2Seq]
    private let parameters: [Tensor]
    private let replicaParameters: [[Tensor]]
    /// One tape per worker: each records its own share's forward pass.
    private let tapes: [Tape]

    public init(model: Seq2Seq, workers: Int = Parallel.cores, precision: ProductPrecision = .float32) {
        self.model = model
        self.workers = max(1, workers)
        self.precision = precision
        replicas = (1..<self.workers).map { _ in Seq2Seq(model.config, seed: 0) }
        parameters = model.parameters
        replicaParameters = replicas.map(\.parameters)
        tapes = (0..<self.workers).map { _ in Tape() }
        synchronizeReplicas()
    }

    /// Accumulates d(mean token loss)/dp into the model's parameters' `grad`. Returns the mean
    /// loss per target token and the number of target tokens.
    /// One worker draws its masks from `dropout`'s generator; several draw one seed each from it.
    public func accumulate(_ batch: Batch, smoothing: Float, dropout: Dropout) -> (loss: Double, tokens: Int) {
        let total = batch.targetTokenCount
        let sum = accumulate(batch, normalizingBy: total, smoothing: smoothing, dropout: dropout)
        return (sum / Double(max(total, 1)), total)
    }

    /// Accumulates d(Σ token losses of `batch` / `tokens`)/dp into the model's parameters' `grad`
    /// and returns Σ token losses. `tokens` is the target token count of everything one update
    /// covers: this batch, or the whole global batch when this one is a part of it (gradient
    /// accumulation, a rank's share), so that the parts' gradients add up to the whole's.
    public func accumulate(_ batch: Batch, normalizingBy tokens: Int, smoothing: Float, dropout: Dropout) -> Double {
        let shares = batch.shares(workers)
        let scale = 1 / Float(max(tokens, 1))
        guard shares.count > 1 else {
            let tape = tapes[0]
            // The batch is all the update covers: the model's own mean, as training always took it.
            let whole = tokens == batch.targetTokenCount
            return ProductPrecision.with(precision) {
                let (loss, batchTokens) = tape.recording(parameters) {
                    model.loss(batch, smoothing: smoothing, average: whole, mode: .training(dropout))
                }
                let value = Double(loss.scalar)
                tape.backward(from: whole ? loss : loss.scaled(by: scale))
                return whole ? value * Double(batchTokens) : value
            }
        }
        // Each worker draws its dropout masks from its own stream, seeded from the trainer's.
        let seeds = shares.map { _ in dropout.generator.next() }
        let losses = UnsafeMutableBufferPointer<Double>.allocate(capacity: shares.count)
        defer { losses.deallocate() }
        DispatchQueue.concurrentPerform(iterations: shares.count) { worker in
            Parallel.onOneCore { ProductPrecision.with(precision) {
                let replica = worker == 0 ? model : replicas[worker - 1]
                let tape = tapes[worker]
                let masks = Dropout(probability: dropout.probability, generator: SeededGenerator(seed: seeds[worker]))
                let (loss, _) = tape.recording(worker == 0 ? parameters : replicaParameters[worker - 1]) {
                    replica.loss(shares[worker], smoothing: smoothing, average: false, mode: .training(masks))
                }
                losses[worker] = Double(loss.scalar)
                tape.backward(from: loss.scaled(by: scale))
            } }
        }
        sumReplicaGradients(count: shares.count - 1)
        return losses.reduce(0, +)
    }

    /// Copies the model's weights into the replicas: after every optimizer update and whenever
    /// the model's weights change (a checkpoint loaded into it).
    public func synchronizeReplicas() {
        for replica in replicaParameters {
            for (source, target) in zip(parameters, replica) {
                let (from, to) = (source.data, target.data)
                Parallel.forEachChunk(source.count) { range in
                    (to + range.lowerBound).update(from: from + range.lowerBound, count: range.count)
                }
            }
        }
    }

    /// model.grad += replica.grad for the first `count` replicas, whose gradients are then zeroed.
    private func sumReplicaGradients(count: Int) {
        for replica in replicaParameters.prefix(count) {
            for (parameter, copy) in zip(parameters, replica) {
                guard let g = copy.grad else { continue }
                let (total, fresh) = parameter.gradBufferForOverwrite()
                Parallel.forEachChunk(parameter.count) { range in
                    for i in range {
                        total[i] = fresh ? g[i] : total[i] + g[i]
                        g[i] = 0
                    }
                }
            }
        }
    }
}
