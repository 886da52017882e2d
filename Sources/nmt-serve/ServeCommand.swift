import ArgumentParser
import Autodiff
import Checkpoint
import Files
import Foundation
import Search
import Server
import Translation

/// `nmt serve` (which runs this executable): parses, loads the checkpoint, serves until SIGTERM
/// or SIGINT. Exit status: 0 after a graceful stop, 1 a runtime failure (checkpoint, address),
/// 2 a usage error.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nmt serve",
        abstract: "Serve translations over HTTP: a JSON API and a page that shows the attention.",
        discussion: """
            POST /translate {"sentences": [...], "beam": 5, "n_best": 1, "attention": false}; GET /health; \
            GET /info; GET / (the page). Requests arriving within --batch-window-ms are decoded \
            together. SIGTERM or SIGINT stops accepting, answers the requests in flight, and exits 0.
            """)

    @Option(help: "The checkpoint file.")
    var checkpoint: String

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "The port, 0-65535 (0: any free port; the log line names it).")
    var port = 8080

    @Option(name: .customLong("max-body-bytes"), parsing: .unconditional, help: "Largest request body, 1-1073741824 bytes.")
    var maxBodyBytes = RequestLimits().maxBodyBytes

    @Option(name: .customLong("max-sentences"), parsing: .unconditional, help: "Most sentences in one request, 1-100000.")
    var maxSentences = RequestLimits().maxSentences

    @Option(name: .customLong("max-sentence-length"), parsing: .unconditional, help: "Longest sentence, 1-1000000 characters.")
    var maxSentenceLength = RequestLimits().maxSentenceLength

    @Option(name: .customLong("max-beam"), parsing: .unconditional, help: "Largest beam a request may ask for, 1-100.")
    var maxBeam = RequestLimits().maxBeam

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Most sentences decoded together, 1-1024.")
    var batchSize = BatchingOptions().batchSize

    @Option(name: .customLong("batch-window-ms"), parsing: .unconditional,
            help: "How long the oldest waiting sentence waits for others to share its batch, 0-1000 ms.")
    var batchWindow = 5

    @Option(parsing: .unconditional, help: "Decoding threads, 1-256 (default: one per core).")
    var workers = BatchingOptions().workers

    func validate() throws {
        try Self.check(port, 0...65535, "--port")
        try Self.check(maxBodyBytes, 1...(1 << 30), "--max-body-bytes")
        try Self.check(maxSentences, 1...100_000, "--max-sentences")
        try Self.check(maxSentenceLength, 1...1_000_000, "--max-sentence-length")
        try Self.check(maxBeam, SearchSettings.Limits.beam, "--max-beam")
        try Self.check(batchSize, SearchSettings.Limits.batchSize, "--batch-size")
        try Self.check(batchWindow, 0...1000, "--batch-window-ms")
        try Self.check(workers, 1...256, "--workers")
    }

    private static func check(_ value: Int, _ range: ClosedRange<Int>, _ option: String) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
    }

    func run() async throws {
        let loaded = try ModelCheckpoint.load(from: checkpoint)
        let sha256 = try CheckpointFile.fileSHA256(checkpoint)
        var limits = RequestLimits()
        limits.maxBodyBytes = maxBodyBytes
        limits.maxSentences = maxSentences
        limits.maxSentenceLength = maxSentenceLength
        limits.maxBeam = maxBeam
        var batching = BatchingOptions()
        batching.batchSize = batchSize
        batching.window = .milliseconds(batchWindow)
        batching.workers = workers
        let service = TranslationService(checkpoint: loaded, path: checkpoint, sha256: sha256, limits: limits, batching: batching)
        let settings = loaded.codec.settings
        StandardError.write("nmt serve: \(settings.sourceLanguage)→\(settings.targetLanguage), \(checkpoint) (sha256 \(sha256.prefix(12))…); "
            + "\(workers) decoding worker\(workers == 1 ? "" : "s"), batches of up to \(batchSize) sentences gathered for \(batchWindow) ms; "
            + BLASKernel.loadedCore + " kernels")
        let host = self.host
        let counts = try await TranslationServer(service: service, host: host, port: port).run { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            StandardError.write("nmt serve: listening on http://\(shown):\(port)")
        }
        StandardError.write("nmt serve: stopped; answered \(counts.answered) of \(counts.accepted) accepted requests")
    }
}
