import ArgumentParser
import Autodiff
import Checkpoint
import Files
import Foundation
import Search
import Server
import Translation

/// `nmt serve` (which runs this executable): parses, loads the checkpoints, serves until SIGTERM
/// or SIGINT. Exit status: 0 after a graceful stop, 1 a runtime failure (checkpoint, address,
/// key file), 2 a usage error (options, or --precision bf16 with an int8 checkpoint), 128 + the
/// signal after a second stop signal.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nmt serve",
        abstract: "Serve translations over HTTP: a JSON API and a page that shows the attention.",
        discussion: """
            POST /translate {"sentences": [...], "beam": 5, "n_best": 1, "attention": false}, or \
            LibreTranslate's {"q": ..., "source": "en", "target": "de"} (JSON or form fields); \
            GET /languages; GET /health; GET /info; GET / (the page). Several checkpoints are \
            served side by side, one per language pair. Requests arriving within \
            --batch-window-ms are decoded together. SIGTERM or SIGINT stops accepting, answers \
            the requests in flight, and exits 0; a second one exits at once.
            """)

    @Option(help: "A checkpoint file; repeat for several language pairs (one checkpoint per pair).")
    var checkpoint: [String]

    @Option(help: ArgumentHelp(DecodingPrecision.optionHelp))
    var precision: DecodingPrecision = .float32

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "The port, 0-65535 (0: any free port; the log line names it).")
    var port = 8080

    @Option(name: .customLong("max-body-bytes"), parsing: .unconditional, help: "Largest request body, 1-1073741824 bytes.")
    var maxBodyBytes = RequestLimits().maxBodyBytes

    @Option(name: .customLong("max-sentences"), parsing: .unconditional,
            help: "Most sentences in one request (after splitting texts into sentences), 1-100000.")
    var maxSentences = RequestLimits().maxSentences

    @Option(name: .customLong("max-sentence-length"), parsing: .unconditional,
            help: "Longest sentence, 1-1000000 characters (Unicode scalars).")
    var maxSentenceLength = RequestLimits().maxSentenceLength

    @Option(name: .customLong("max-beam"), parsing: .unconditional, help: "Largest beam a request may ask for, 1-100.")
    var maxBeam = RequestLimits().maxBeam

    @Option(name: .customLong("max-attention-weights"), parsing: .unconditional,
            help: "Most attention weights one request may ask for, 1-100000000.")
    var maxAttentionWeights = RequestLimits().maxAttentionWeights

    @Option(name: .customLong("deadline-ms"), parsing: .unconditional,
            help: "How long a request may wait for its translations before 504, 1-3600000 ms.")
    var deadline = 60_000

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Most sentences decoded together, 1-1024.")
    var batchSize = BatchingOptions().batchSize

    @Option(name: .customLong("batch-window-ms"), parsing: .unconditional,
            help: "How long the oldest waiting sentence waits for others to share its batch, 0-1000 ms.")
    var batchWindow = 5

    @Option(parsing: .unconditional, help: "Decoding threads, 1-256 (default: one per core).")
    var workers = BatchingOptions().workers

    @Option(name: .customLong("max-queued-sentences"), parsing: .unconditional,
            help: "Most sentences queued or being decoded; more are answered 503, 1-10000000.")
    var maxQueuedSentences = BatchingOptions().maxQueuedSentences

    @Option(name: .customLong("max-connections"), parsing: .unconditional, help: "Most connections open at once, 1-100000.")
    var maxConnections = ConnectionLimits().maxConnections

    @Option(name: .customLong("idle-timeout"), parsing: .unconditional,
            help: "Seconds a connection may go without a whole request head before it is closed, 1-3600.")
    var idleTimeout = 60

    @Option(name: .customLong("body-timeout"), parsing: .unconditional,
            help: "Seconds a request body may take to arrive whole before the connection is closed, 1-3600.")
    var bodyTimeout = 30

    @Option(name: .customLong("api-keys"), help: "A file of API keys, one per line; POST /translate then needs one (403 without).")
    var apiKeys: String?

    @Option(name: .customLong("cors-origin"), help: "The origin browsers may call the API from (* for any); off by default.")
    var corsOrigin: String?

    func validate() throws {
        try Self.check(port, 0...65535, "--port")
        try Self.check(maxBodyBytes, 1...(1 << 30), "--max-body-bytes")
        try Self.check(maxSentences, 1...100_000, "--max-sentences")
        try Self.check(maxSentenceLength, 1...1_000_000, "--max-sentence-length")
        try Self.check(maxBeam, SearchSettings.Limits.beam, "--max-beam")
        try Self.check(maxAttentionWeights, 1...100_000_000, "--max-attention-weights")
        try Self.check(deadline, 1...3_600_000, "--deadline-ms")
        try Self.check(batchSize, SearchSettings.Limits.batchSize, "--batch-size")
        try Self.check(batchWindow, 0...1000, "--batch-window-ms")
        try Self.check(workers, 1...256, "--workers")
        try Self.check(maxQueuedSentences, 1...10_000_000, "--max-queued-sentences")
        try Self.check(maxConnections, 1...100_000, "--max-connections")
        try Self.check(idleTimeout, 1...3600, "--idle-timeout")
        try Self.check(bodyTimeout, 1...3600, "--body-timeout")
        guard maxSentences <= maxQueuedSentences else {
            throw ValidationError("--max-sentences (\(maxSentences)) must not exceed --max-queued-sentences (\(maxQueuedSentences)): "
                + "such a request could never be queued")
        }
        if let corsOrigin, corsOrigin.isEmpty || corsOrigin.contains(where: { $0.isWhitespace || $0 == "," }) {
            throw ValidationError("--cors-origin must be one origin such as https://example.org, or *")
        }
    }

    private static func check(_ value: Int, _ range: ClosedRange<Int>, _ option: String) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
    }

    func run() async throws {
        let (packing, warning) = precision.packing()
        if let warning { StandardError.write("nmt serve: \(warning)") }
        var models: [ServedModel] = []
        for path in checkpoint {
            // Loaded one at a time, each keeping only what inference needs before the next is read.
            let loaded = try ModelCheckpoint.loadForDecoding(from: path, precision: precision, packing: packing)
            models.append(ServedModel(checkpoint: loaded, path: path, sha256: try CheckpointFile.fileSHA256(path)))
        }
        releaseFreedMemory()
        var limits = RequestLimits()
        limits.maxBodyBytes = maxBodyBytes
        limits.maxSentences = maxSentences
        limits.maxSentenceLength = maxSentenceLength
        limits.maxBeam = maxBeam
        limits.maxAttentionWeights = maxAttentionWeights
        limits.deadline = .milliseconds(deadline)
        var batching = BatchingOptions()
        batching.batchSize = batchSize
        batching.window = .milliseconds(batchWindow)
        batching.workers = workers
        batching.maxQueuedSentences = maxQueuedSentences
        var connections = ConnectionLimits()
        connections.maxConnections = maxConnections
        connections.idleTimeout = .seconds(idleTimeout)
        connections.bodyTimeout = .seconds(bodyTimeout)
        let access = AccessPolicy(apiKeys: try apiKeys.map(Self.readKeys), corsOrigin: corsOrigin)
        let service = try TranslationService(models: models, limits: limits, batching: batching, connections: connections,
                                             access: access)
        for model in models {
            StandardError.write("nmt serve: \(model.pair), \(model.path) (sha256 \(model.sha256.prefix(12))…)")
        }
        StandardError.write("nmt serve: \(workers) decoding worker\(workers == 1 ? "" : "s"), batches of up to \(batchSize) "
            + "sentences gathered for \(batchWindow) ms, at most \(maxQueuedSentences) queued; "
            + "\(access.apiKeys.map { "\($0.count) API key\($0.count == 1 ? "" : "s")" } ?? "no API keys"); "
            + BLASKernel.loadedCore + " kernels" + (packing == .bfloat16 ? "; weights packed in bf16" : ""))
        let host = self.host
        let counts = try await TranslationServer(service: service, host: host, port: port).run { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            StandardError.write("nmt serve: listening on http://\(shown):\(port)")
        }
        StandardError.write("nmt serve: stopped; answered \(counts.answered) of \(counts.accepted) accepted requests")
    }

    /// The keys of `path`: one per line, surrounding white space ignored, blank lines and lines
    /// starting with # skipped. A file without keys is an error: it would lock everyone out.
    private static func readKeys(_ path: String) throws -> Set<String> {
        let keys = try LineReader.lines(ofFile: path).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !keys.isEmpty else { throw KeyFileError(path: path) }
        return Set(keys)
    }

    struct KeyFileError: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) holds no API key (one per line; blank lines and # comments are skipped)" }
    }
}

extension DecodingPrecision: ExpressibleByArgument {}
