import Autodiff
import Batching
import Evaluation
import Files
import Foundation
import Layers
import Model
import Text
import Translation
import YAMLConfiguration

/// The training loop: batches → loss → backward → clip → Adam, with validation, checkpoints,
/// early stopping, a wall-time budget and exact resumption; alone or as one rank of a
/// `TrainingGroup` (`mpirun -np N nmt train`), where every rank trains on its share of each
/// batch, the gradients are summed across the ranks before each step, and the leader (rank 0)
/// validates, logs and writes the checkpoints.
public final class Trainer {
    public let configuration: TrainingConfiguration
    public let data: TrainingData
    public let model: Seq2Seq
    public let optimizer: Adam
    /// This rank's part of each update's forward and backward passes, split across its cores,
    /// summed over the group.
    let gradients: GroupGradients
    public let group: TrainingGroup
    /// Cores this rank's kernels and worker threads use (`TrainingGroup.cores`).
    let coresPerRank: Int
    public internal(set) var state: TrainingState
    let reporter: TrainingReporter
    let batcher: Batcher
    let validationBatches: [Batch]
    public let directory: RunDirectory
    /// Whether `run()` deletes a previous run's files from the directory (`--overwrite`).
    let replacingPreviousRun: Bool
    /// Faults and pauses tests inject (none unless a test asks).
    let hooks: TrainingTestHooks
    /// Updates since `run()` started (a resumed run's pace excludes the earlier run's).
    private var updatesThisRun = 0
    /// The output directory's lock, held by the leader from `prepareDirectory()` to the end of `run()`.
    private var runLock: FileLock?

    public enum Outcome: String { case finished, earlyStopped = "early stopped", timeUp = "time budget reached", interrupted }

    public struct Summary {
        public var outcome: Outcome
        public var updates: Int
        public var bestScore: Double?
        public var bestCheckpoint: String
        public var latestCheckpoint: String
    }

    /// Builds everything from the configuration, or continues from `resume` (a checkpoint written
    /// by an earlier run of the same configuration), or starts from `finetune`'s weights and
    /// codec with a fresh optimizer and state (`FineTuning`). Writes nothing but the prepared
    /// training data (TrainingData): an output directory that holds another run is refused
    /// (unless `overwrite`), and a corpus with no usable pair too. In a group, every rank builds
    /// the same trainer from the same files; only the leader checks the output directory,
    /// prepares the data and talks (the other ranks' reporters are quiet).
    public init(configuration: TrainingConfiguration, resume: String? = nil, finetune: String? = nil, overwrite: Bool = false,
                reporter: TrainingReporter, group: TrainingGroup = SingleProcessGroup(),
                hooks: TrainingTestHooks = .fromEnvironment()) throws {
        self.configuration = configuration
        self.reporter = reporter
        self.group = group
        self.hooks = hooks
        group.rankTimeoutSeconds = configuration.training.rankTimeoutSeconds
        if !group.isLeader { reporter.quiet = true }
        directory = RunDirectory(path: configuration.output.directory)
        replacingPreviousRun = overwrite
        if group.isLeader { try directory.checkFreshStart(resume: resume, overwrite: overwrite) }
        // Preparing the data may create the output directory (its `prepared` directory); if the
        // trainer cannot be built after all, a directory this call created goes again.
        let outputPath = configuration.output.directory
        let outputExisted = FileManager.default.fileExists(atPath: outputPath)
        var built = false
        defer {
            if !built && !outputExisted && group.isLeader { try? FileManager.default.removeItem(atPath: outputPath) }
        }
        if resume != nil && finetune != nil {
            throw TrainingError.cannotResume("--resume and --finetune exclude each other: --resume continues a run, --finetune starts a new one from a model")
        }
        let checkpoint = try (resume ?? finetune).map { try ModelCheckpoint.load(from: $0) }
        if let checkpoint, checkpoint.precision == .int8 {
            throw TrainingError.cannotResume("\((resume ?? finetune)!) is an int8 checkpoint (nmt quantize), for decoding only: "
                + "\(resume != nil ? "resume" : "fine-tune") from the float32 checkpoint it was made from")
        }
        if let checkpoint, let resume, checkpoint.configuration.model != configuration.model || checkpoint.configuration.segmentation != configuration.segmentation {
            throw TrainingError.cannotResume("\(resume): its model or segmentation settings differ from the configuration's; resume with the configuration it was trained with")
        }
        if let checkpoint, let finetune { try FineTuning.check(checkpoint, path: finetune, against: configuration) }
        data = try TrainingData(configuration, codec: checkpoint?.codec, group: group, log: reporter.log, status: reporter.status,
                                showsStatus: reporter.showsStatus)
        let training = configuration.training
        // The configuration's check knew the vocabularies only by their bound; now they are known.
        if checkpoint == nil, let refusal = configuration.memoryRefusal(
            sourceVocabularySize: data.codec.sourceVocabulary.count, targetVocabularySize: data.codec.targetVocabulary.count) {
            throw ConfigurationError(.invalidValue, file: "\(data.trainFiles)", keyPath: "model", message:
                "\(refusal) with the vocabularies of this corpus (\(data.codec.sourceVocabulary.count)/\(data.codec.targetVocabulary.count) units)")
        }
        model = checkpoint?.model ?? Seq2Seq(
            configuration.modelConfiguration(sourceVocabularySize: data.codec.sourceVocabulary.count,
                                             targetVocabularySize: data.codec.targetVocabulary.count),
            seed: UInt64(training.seed))
        optimizer = Adam(parameters: model.namedParameters, learningRate: training.learningRate,
                         beta1: training.adamBeta1, beta2: training.adamBeta2, weightDecay: training.weightDecay)
        if let checkpoint, resume != nil {
            guard let saved = checkpoint.state else {
                throw TrainingError.cannotResume("\(resume!) holds no training state (an averaged checkpoint?): it cannot be resumed")
            }
            try checkpoint.restore(optimizer)
            state = saved
        } else {
            state = TrainingState(seed: UInt64(training.seed) &+ 0x5EED, schedule: LearningRateSchedule(training))
        }
        // One update's batch: `accumulate` batches' worth, divided among the ranks and parts (GlobalBatch).
        let size: BatchSize = training.batchTokens > 0 ? .tokens(training.batchTokens * training.accumulate)
            : .sentences(training.batchSize * training.accumulate)
        batcher = try Batcher(store: data.train, groups: data.groups, size: size, maxLength: configuration.data.maxLength,
                              seed: UInt64(training.seed))
        for (report, group) in zip(data.corpusReports, data.groups) {
            let dropped = report.dropped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            reporter.log("corpus \(report.name): \(report.kept) pairs of \(report.read)"
                + (dropped.isEmpty ? "" : " (dropped \(dropped.joined(separator: ", ")))")
                + (group.weight == 1 ? "" : "; weight \(group.weight): \(group.slotsPerEpoch) per epoch"))
        }
        if let warning = batcher.skipped.warning { reporter.log("warning: training data: \(warning)") }
        guard batcher.usableCount > 0 else {
            let skipped = batcher.skipped
            throw TrainingError.unusableData("no usable training pairs in \(data.trainFiles): all \(skipped.total) were skipped "
                + "(\(skipped.empty) empty, \(skipped.tooLong) longer than \(skipped.maxLength) tokens; see data.max_length)")
        }
        validationBatches = try Batcher(pairs: data.validPairs, size: .sentences(64), maxLength: Int.max / 4, seed: 0).batches(epoch: 0)
        reporter.log("model: \(model.parameterCount) parameters; \(batcher.usableCount) training pairs; "
            + "vocabularies \(data.codec.sourceVocabulary.count)/\(data.codec.targetVocabulary.count)")
        coresPerRank = max(1, group.cores)
        let precision = training.precision.products
        gradients = GroupGradients(model: model, group: group, workers: coresPerRank, precision: precision)
        let workers = gradients.local.workers
        reporter.log("BLAS kernel: \(BLASKernel.summary); batches split across \(workers) worker thread\(workers == 1 ? "" : "s")"
            + (training.accumulate > 1 ? "; \(training.accumulate) parts accumulated per update" : ""))
        if precision == .bfloat16 {
            reporter.log(BFloat16GEMM.isSupported
                ? "precision bf16: training products on bfloat16 inputs with float32 sums (AVX-512 BF16)"
                : "warning: precision bf16: this CPU has no AVX-512 BF16, so training products stay float32")
        }
        if group.size > 1 {
            reporter.log("MPI: \(group.size) ranks, \(group.ranksOnThisMachine) on this machine; rank 0 uses \(coresPerRank) core\(coresPerRank == 1 ? "" : "s"); "
                + String(format: "one all-reduce of %.1f MB per update", Double(gradients.exchangedBytes) / 1e6))
        }
        if resume != nil { reporter.log("resuming at update \(state.update), epoch \(state.epoch), batch \(state.batchInEpoch)") }
        if let finetune { reporter.log("fine-tuning \(finetune): its weights, vocabularies and merges; a new optimizer, schedule and update count") }
        built = true
    }

    public var latestPath: String { directory.latestPath }
    public var bestPath: String { directory.bestPath }

    /// Trains until the epochs, the update limit or the time budget run out, early stopping
    /// triggers, or a signal arrives. The output directory is prepared only now; if the run fails
    /// before its first update, what it created there is removed again.
    public func run() throws -> Summary {
        try group.checkSameStart(StartFingerprint(configuration: configuration, codec: data.codec, preparedKey: data.preparedKey,
                                                  pairCount: data.train.count, optimizer: optimizer, state: state))
        let createdDirectory = group.isLeader ? try prepareDirectory() : false
        if group.isLeader { try recordCorpora() }
        defer {
            runLock?.release()
            runLock = nil
        }
        do {
            return try Parallel.with(cores: coresPerRank) { try train() }
        } catch TrainingError.rankTimeout(let message) where group.isLeader {
            // Rank 0 wrote the checkpoints: it says which one the job continues from.
            let latest = (try? ModelCheckpoint.trainingState(at: latestPath))?.update
            throw TrainingError.rankTimeout(message + (latest.map { ". \(latestPath) (update \($0)) is whole: continue with --resume \(latestPath)" } ?? ""))
        } catch {
            if updatesThisRun == 0 && group.isLeader { removeUnused(createdDirectory: createdDirectory) }
            throw error
        }
    }

    /// Creates the directory and takes its lock (refused at once if another process trains
    /// there), deletes temporary files of killed runs (and with `--overwrite` the previous run),
    /// opens metrics.jsonl. Returns whether the directory was created.
    private func prepareDirectory() throws -> Bool {
        let created = try directory.create()
        runLock = try directory.lock()
        let removed = directory.removeStaleTemporaryFiles()
        if !removed.isEmpty {
            reporter.log("removed \(removed.count) temporary files left by an interrupted run: \(removed.joined(separator: ", "))")
        }
        if replacingPreviousRun {
            let previous = directory.runFiles()
            try directory.removePreviousRun()
            if !previous.isEmpty { reporter.log("--overwrite: removed the previous run's \(previous.joined(separator: ", "))") }
        }
        for note in try checkpointSave.completeInterrupted() { reporter.log(note) }
        try reporter.openMetrics(at: directory.metricsPath)
        return created
    }

    /// One metrics record per corpus: pairs read, kept and dropped by each filter.
    private func recordCorpora() throws {
        for (report, group) in zip(data.corpusReports, data.groups) {
            try reporter.record(["kind": "data", "update": state.update, "corpus": report.name, "read": report.read, "kept": report.kept,
                                 "dropped": report.dropped, "weight": group.weight])
        }
    }

    /// After a failure before the first update: an empty metrics.jsonl, and the directory if this
    /// run created it and nothing else is in it.
    private func removeUnused(createdDirectory: Bool) {
        reporter.closeMetrics()
        let fileManager = FileManager.default
        if let attributes = try? fileManager.attributesOfItem(atPath: directory.metricsPath),
           (attributes[.size] as? NSNumber)?.intValue == 0 {
            try? fileManager.removeItem(atPath: directory.metricsPath)
        }
        let lockName = URL(fileURLWithPath: directory.lockPath).lastPathComponent
        if createdDirectory, let left = try? fileManager.contentsOfDirectory(atPath: directory.path), left.allSatisfy({ $0 == lockName }) {
            try? fileManager.removeItem(atPath: directory.path)
        }
    }

    private func train() throws -> Summary {
        Interruption.install(inGroup: group.size > 1)
        defer { Interruption.uninstall() }
        let training = configuration.training
        let started = Date()
        let previouslyElapsed = state.elapsedSeconds
        var windowLoss = 0.0, windowTokens = 0, windowStart = Date(), windowAllReduce = 0.0, windowUpdates = 0
        var outcome = Outcome.finished
        let dropout = Dropout(probability: configuration.model.dropout, generator: SeededGenerator(stateWords: state.generator))
        let everyUpdates = configuration.validation.everyUpdates

        func elapsed() -> Double { previouslyElapsed + Date().timeIntervalSince(started) }

        training: while state.epoch <= training.epochs {
            let plan = batcher.plan(epoch: state.epoch)
            while state.batchInEpoch < plan.count {
                if training.maxUpdates > 0 && state.update >= training.maxUpdates { break training }

                let position = TrainingTestHooks.BatchPosition(epoch: state.epoch, batch: state.batchInEpoch + 1)
                if hooks.leavesOut?(position) == true {
                    state.batchInEpoch += 1
                    continue
                }
                let global = GlobalBatch(indices: plan[state.batchInEpoch], batcher: batcher, ranks: group.size, accumulate: training.accumulate)
                optimizer.learningRate = state.schedule.rate(at: state.update + 1)
                // A signal or the time budget ends training after this update, on every rank at once.
                let votes = GroupGradients.StopVotes(
                    interrupted: Interruption.signalled != 0,
                    timeUp: group.isLeader && training.maxMinutes > 0 && elapsed() >= training.maxMinutes * 60)
                let generatorBefore = dropout.generator
                let rank = group.rank
                let inspect = hooks.afterLocalGradients.map { hook in { (parameters: [Tensor]) in hook(position, rank, parameters) } }
                let step = try gradients.compute(global, smoothing: training.labelSmoothing, dropout: dropout, votes: votes, inspect: inspect)
                let (value, tokens, norm) = (step.loss, step.tokens, step.norm)
                // The same decision on every rank: it is read from the summed buffer.
                guard step.isFinite else {
                    dropout.generator = generatorBefore
                    try skipUpdate(step, at: position)
                    if step.stop.interrupted { outcome = .interrupted; break training }
                    if step.stop.timeUp { outcome = .timeUp; break training }
                    continue
                }
                state.consecutiveSkippedUpdates = 0
                optimizer.update(gradientScale: GradientClipping.scale(norm: norm, maxNorm: training.clipNorm))
                gradients.synchronizeReplicas()
                state.update += 1
                state.batchInEpoch += 1
                updatesThisRun += 1
                state.generator = dropout.generator.stateWords
                windowLoss += value * Double(tokens)
                windowTokens += tokens
                windowAllReduce += step.allReduceSeconds
                windowUpdates += 1

                let seconds = Date().timeIntervalSince(windowStart)
                reporter.progress(epoch: state.epoch, done: state.batchInEpoch, total: plan.count, loss: windowLoss / Double(max(windowTokens, 1)),
                                  tokensPerSecond: Double(windowTokens) / max(seconds, 1e-9),
                                  secondsLeft: secondsLeft(planCount: plan.count, elapsed: elapsed(), runStart: started))
                if state.update % configuration.output.logEvery == 0 {
                    var line: [String: Any] = [
                        "kind": "train", "update": state.update, "epoch": state.epoch, "loss": round(windowLoss / Double(windowTokens), 6),
                        "tokens_per_s": round(Double(windowTokens) / seconds, 1), "learning_rate": Double(optimizer.learningRate),
                        "grad_norm": round(Double(norm), 4), "elapsed_s": round(elapsed(), 1),
                    ]
                    // Mean wall time of one update's all-reduce over the log window.
                    let allReduceMilliseconds = windowAllReduce / Double(max(windowUpdates, 1)) * 1000
                    if group.size > 1 { line["allreduce_ms"] = round(allReduceMilliseconds, 2) }
                    try reporter.record(line)
                    reporter.log(String(format: "update %d epoch %d loss %.4f %.0f tok/s lr %.2e", state.update, state.epoch,
                                        windowLoss / Double(windowTokens), Double(windowTokens) / seconds, Double(optimizer.learningRate))
                        + (group.size > 1 ? String(format: " all-reduce %.1f ms", allReduceMilliseconds) : ""))
                    windowLoss = 0; windowTokens = 0; windowStart = Date(); windowAllReduce = 0; windowUpdates = 0
                }
                if everyUpdates > 0 && state.update % everyUpdates == 0 {
                    state.elapsedSeconds = elapsed()
                    if try validateAndSave() { outcome = .earlyStopped; break training }
                }
                if step.stop.interrupted { outcome = .interrupted; break training }
                if step.stop.timeUp { outcome = .timeUp; break training }
            }
            state.epoch += 1
            state.batchInEpoch = 0
            if everyUpdates == 0 {
                state.elapsedSeconds = elapsed()
                if try validateAndSave() { outcome = .earlyStopped; break training }
            }
        }
        state.elapsedSeconds = elapsed()
        if outcome == .interrupted {
            if group.isLeader { try save(to: latestPath) }
            reporter.log("interrupted: wrote \(latestPath) at update \(state.update); continue with --resume \(latestPath)")
        } else if state.lastValidation != state.update {
            _ = try validateAndSave()
        }
        reporter.log("\(outcome.rawValue) after \(state.update) updates in \(TrainingReporter.duration(state.elapsedSeconds)); "
            + "best \(configuration.validation.metric.rawValue) \(state.bestScore.map { String(format: "%.2f", abs($0)) } ?? "-") at update \(state.bestUpdate)")
        return Summary(outcome: outcome, updates: state.update, bestScore: state.bestScore, bestCheckpoint: bestPath, latestCheckpoint: latestPath)
    }

    private func secondsLeft(planCount: Int, elapsed: Double, runStart: Date) -> Double? {
        let training = configuration.training
        let thisRun = Date().timeIntervalSince(runStart)
        guard thisRun > 1, updatesThisRun > 0 else { return nil }
        let perUpdate = thisRun / Double(updatesThisRun)
        var left = Double(planCount - state.batchInEpoch + (training.epochs - state.epoch) * planCount) * perUpdate
        if training.maxUpdates > 0 { left = min(left, Double(training.maxUpdates - state.update) * perUpdate) }
        if training.maxMinutes > 0 { left = min(left, training.maxMinutes * 60 - elapsed) }
        return max(0, left)
    }

    private func round(_ value: Double, _ digits: Int) -> Double {
        let scale = Foundation.pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }

    /// The leader validates, updates the schedule and the best score and writes checkpoints; then
    /// every rank takes the leader's state (learning rate, best score, patience). Returns true
    /// when early stopping triggers, on every rank alike.
    private func validateAndSave() throws -> Bool {
        state.lastValidation = state.update
        if group.isLeader { try validateAndSaveOnLeader() }
        state = try group.leaders(state)
        let patience = configuration.validation.earlyStoppingPatience
        return patience > 0 && state.validationsWithoutImprovement >= patience
    }

    private func validateAndSaveOnLeader() throws {
        let result = Validator(model: model, codec: data.codec, configuration: configuration)
            .run(sources: data.validSources, references: data.validReferences, batches: validationBatches)
        let score = configuration.validation.metric == .bleu ? result.bleu.score : -result.loss
        let improved = state.bestScore.map { score > $0 } ?? true
        state.schedule.validated(improved: improved)
        if improved {
            state.bestScore = score
            state.bestUpdate = state.update
            state.validationsWithoutImprovement = 0
        } else {
            state.validationsWithoutImprovement += 1
        }
        try writeCheckpoints(score: score)
        try reporter.record([
            "kind": "valid", "update": state.update, "epoch": state.epoch, "loss": round(result.loss, 4),
            "perplexity": round(result.perplexity, 2), "bleu": round(result.bleu.score, 2), "best": improved,
            "learning_rate": Double(state.schedule.rate(at: state.update + 1)), "elapsed_s": round(state.elapsedSeconds, 1),
            "decode_s": round(result.seconds, 2),
        ])
        reporter.log(String(format: "validation at update %d: loss %.4f ppl %.2f BLEU %.2f%@ (%.1f s)", state.update, result.loss,
                            result.perplexity, result.bleu.score, improved ? " (best)" : "", result.seconds))
        for sample in result.samples {
            reporter.log("  source:     \(sample.source)\n  reference:  \(sample.reference)\n  hypothesis: \(sample.hypothesis)")
        }
    }

    /// Refuses to write weights or moments that are not finite (load would refuse them), leaving
    /// whatever is at `path`.
    func save(to path: String) throws {
        if let (name, value) = FiniteValues.firstNonFinite(model: model, optimizer: optimizer) {
            throw TrainingError.diverged("not writing \(path) at update \(state.update): \(name) holds \(value); "
                + "the checkpoint already there is left as it was")
        }
        try ModelCheckpoint.save(to: path, model: model, optimizer: optimizer, codec: data.codec,
                                 configuration: configuration, state: state)
    }

    /// `latest.ckpt` always, `best.ckpt` on improvement, and as many numbered copies as
    /// keep_last (`update-N.ckpt`) and keep_best (`best-N.ckpt`) ask for; 0 = none; in the order
    /// `CheckpointSave` describes. The kept lists go into the state before `latest.ckpt` is saved,
    /// so that a run resumed from it knows about the checkpoints written with it.
    private func writeCheckpoints(score: Double) throws {
        let output = configuration.output
        if output.keepLast > 1 {
            let recentPath = checkpointSave.updatePath(state.update)
            state.recentCheckpoints = Array((state.recentCheckpoints.filter { $0 != recentPath } + [recentPath]).suffix(output.keepLast))
        }
        if output.keepBest > 1 {
            let bestNPath = checkpointSave.bestPath(state.update)
            state.bestCheckpoints = Array((state.bestCheckpoints.filter { $0.path != bestNPath } + [.init(path: bestNPath, score: score)])
                .sorted { $0.score > $1.score }.prefix(output.keepBest))
        }
        try checkpointSave.write(state, writeLatest: { try save(to: latestPath) }, afterStep: hooks.afterSaveStep)
    }

    var checkpointSave: CheckpointSave { CheckpointSave(directory: directory, output: configuration.output) }
}
