import Autodiff
@testable import Checkpoint
import Foundation
import TestSupport
import XCTest

final class CheckpointFileTests: XCTestCase {
    private var temporary: TemporaryDirectory!
    private var directory: String { temporary.path }

    override func setUpWithError() throws {
        temporary = try TemporaryDirectory()
    }

    override func tearDownWithError() throws {
        temporary = nil
    }

    // MARK: Fixtures

    /// Values chosen to catch any conversion: signed zero, infinities, a NaN payload, subnormals.
    private static let awkwardValues: [Float] = [
        0, -0.0, 1, -1, .pi, .infinity, -.infinity, Float(bitPattern: 0x7FC0_1234),
        .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-30, -123.456,
    ]

    private static func sample() -> CheckpointFile {
        CheckpointFile(
            tensors: [
                .init(name: "encoder.embedding", shape: [3, 4], values: awkwardValues),
                .init(name: "bias", shape: [5], values: (0..<5).map { Float($0) * 0.25 - 0.5 }),
                .init(name: "scalar", shape: [], values: [42]),
                .init(name: "empty", shape: [0, 7], values: []),
                .init(name: "adam.m/encoder.embedding", shape: [2, 2, 1], values: [1e-8, -2e-8, 3e-8, -4e-8]),
            ],
            metadata: [
                "config": #"{"hidden": 256, "attention": "additive", "path": "a/b"}"#,
                "vocabulary": "<pad>\n<unk>\n<s>\n</s>\nZürich\n\"quoted\"\n\\backslash\ttab\n日本語",
                "empty": "",
            ]
        )
    }

    private func path(_ name: String) -> String { directory + "/" + name }

    /// `content_sha256` computed here from its definition (CheckpointDigest's comment), to check
    /// the writer against: UInt64 little-endian counts and lengths, names in byte order.
    private static func contentDigest(_ checkpoint: CheckpointFile) -> String {
        var message = Data()
        func integer(_ value: Int) { withUnsafeBytes(of: UInt64(value).littleEndian) { message.append(contentsOf: $0) } }
        func text(_ value: String) { integer(value.utf8.count); message.append(contentsOf: Array(value.utf8)) }
        text("nmt-checkpoint-content/2")
        integer(checkpoint.metadata.count)
        for key in checkpoint.metadata.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            text(key)
            text(checkpoint.metadata[key]!)
        }
        integer(checkpoint.tensors.count)
        for entry in checkpoint.tensors.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            text(entry.name)
            integer(entry.shape.count)
            entry.shape.forEach(integer)
            integer(4 * entry.values.count)
            entry.values.withUnsafeBytes { message.append(contentsOf: $0) }
        }
        return SHA256.hash(data: message).map { String(format: "%02x", $0) }.joined()
    }

    private func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func write(_ bytes: [UInt8], _ path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    private func assertBitExact(_ actual: [Float], _ expected: [Float], _ name: String, line: UInt = #line) {
        XCTAssertEqual(actual.map(\.bitPattern), expected.map(\.bitPattern), name, line: line)
    }

    /// The message of the error `body` throws, failing if it throws none or not a CheckpointError.
    private func message(_ body: () throws -> Void, line: UInt = #line) -> String {
        do {
            try body()
            XCTFail("no error thrown", line: line)
        } catch let error as CheckpointError {
            XCTAssertEqual(error.localizedDescription, error.description, line: line)
            return error.description
        } catch {
            XCTFail("unexpected error \(error)", line: line)
        }
        return ""
    }

    private func assertRefused(_ file: String, mentions parts: [String], line: UInt = #line) {
        let text = message({ _ = try CheckpointFile.read(from: file) }, line: line)
        for part in [file] + parts {
            XCTAssertTrue(text.contains(part), "\"\(text)\" does not mention \"\(part)\"", line: line)
        }
    }

    /// A tiny independent safetensors reader: length, JSON header, data section.
    private func parseSafetensors(_ file: [UInt8]) throws -> (header: [String: Any], dataStart: Int) {
        let length = file[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        let dataStart = 8 + Int(length)
        let json = try JSONSerialization.jsonObject(with: Data(file[8..<dataStart]))
        return (try XCTUnwrap(json as? [String: Any]), dataStart)
    }

    /// Re-encodes a file's header after `change`, keeping its data section: an independent writer
    /// for making files our writer would never produce.
    private func rewriteHeader(_ path: String, _ change: (inout [String: Any]) -> Void) throws {
        let file = try bytes(path)
        var (header, dataStart) = try parseSafetensors(file)
        change(&header)
        var json = [UInt8](try JSONSerialization.data(withJSONObject: header))
        json.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
        var result = withUnsafeBytes(of: UInt64(json.count).littleEndian) { [UInt8]($0) }
        result += json
        result += file[dataStart...]
        try write(result, path)
    }

    // MARK: Round trip

    func testRoundTripKeepsNamesShapesValuesAndMetadataExactly() throws {
        let original = Self.sample()
        let file = path("model.ckpt")
        try original.write(to: file)
        let loaded = try CheckpointFile.read(from: file)

        XCTAssertEqual(loaded.tensors.map(\.name), original.tensors.map(\.name))
        XCTAssertEqual(loaded.tensors.map(\.shape), original.tensors.map(\.shape))
        for (a, b) in zip(loaded.tensors, original.tensors) { assertBitExact(a.values, b.values, a.name) }
        XCTAssertEqual(loaded.metadata, original.metadata)
        XCTAssertEqual(loaded["bias"]?.values, [-0.5, -0.25, 0, 0.25, 0.5])
        XCTAssertNil(loaded["missing"])
    }

    func testWritingFromTensorsGivesTheSameFileAsWritingValues() throws {
        let sample = Self.sample()
        let tensors = sample.tensors.map { (name: $0.name, tensor: Tensor(shape: $0.shape, values: $0.values)) }
        try CheckpointFile.write(tensors, metadata: sample.metadata, to: path("from-tensors.ckpt"))
        try sample.write(to: path("from-values.ckpt"))
        XCTAssertEqual(try bytes(path("from-tensors.ckpt")), try bytes(path("from-values.ckpt")))
    }

    func testEmptyCheckpointRoundTrips() throws {
        try CheckpointFile(metadata: ["step": "0"]).write(to: path("empty.ckpt"))
        let loaded = try CheckpointFile.read(from: path("empty.ckpt"))
        XCTAssertTrue(loaded.tensors.isEmpty)
        XCTAssertEqual(loaded.metadata, ["step": "0"])
    }

    /// The same file read by Python (once, with `pip install safetensors numpy`):
    ///
    ///     from safetensors import safe_open
    ///     with safe_open(path, framework="np") as f:
    ///         print(f.metadata()["format"], {k: f.get_tensor(k).shape for k in f.keys()})
    func testFileIsSafetensorsReadableByAnIndependentParser() throws {
        let sample = Self.sample()
        let file = path("model.safetensors")
        try sample.write(to: file)
        let raw = try bytes(file)
        let (header, dataStart) = try parseSafetensors(raw)

        XCTAssertEqual(dataStart % 8, 0, "data section is 8-byte aligned")
        let metadata = try XCTUnwrap(header["__metadata__"] as? [String: String])
        XCTAssertEqual(metadata["format"], "nmt-checkpoint")
        XCTAssertEqual(metadata["format_version"], "2")
        XCTAssertEqual(metadata["content_sha256"], Self.contentDigest(sample))
        for (key, value) in sample.metadata { XCTAssertEqual(metadata[key], value, key) }
        XCTAssertEqual(Set(header.keys), Set(sample.tensors.map(\.name) + ["__metadata__"]))

        var expectedBegin = 0
        for entry in sample.tensors {
            let info = try XCTUnwrap(header[entry.name] as? [String: Any], entry.name)
            XCTAssertEqual(info["dtype"] as? String, "F32")
            XCTAssertEqual(info["shape"] as? [Int], entry.shape)
            let offsets = try XCTUnwrap(info["data_offsets"] as? [Int])
            XCTAssertEqual(offsets, [expectedBegin, expectedBegin + 4 * entry.values.count], entry.name)
            let values = stride(from: dataStart + offsets[0], to: dataStart + offsets[1], by: 4).map { at in
                Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(raw[at + $1]) << (8 * UInt32($1)) })
            }
            assertBitExact(values, entry.values, entry.name)
            expectedBegin = offsets[1]
        }
        XCTAssertEqual(dataStart + expectedBegin, raw.count, "tensors fill the data section")
    }

    func testReadsAFileWrittenByAnotherWriter() throws {
        // Key order, spacing and padding are the other writer's (JSONSerialization without
        // sortedKeys): nothing in our reader may depend on them.
        let file = path("other.ckpt")
        try Self.sample().write(to: file)
        try rewriteHeader(file) { _ in }
        let loaded = try CheckpointFile.read(from: file)
        XCTAssertEqual(loaded.metadata, Self.sample().metadata)
        XCTAssertEqual(loaded.tensors.map(\.name), Self.sample().tensors.map(\.name))
    }

    // MARK: The checksum covers metadata and tensors by name

    /// What Python's `safetensors` does when it re-saves a checkpoint (`load_file`, then
    /// `save_file(tensors, path, metadata)`): the same tensors and metadata, packed in another
    /// order (it sorts by name). Here: reverse name order, metadata copied verbatim.
    private func repackInReverseNameOrder(_ path: String) throws {
        let file = try bytes(path)
        var (header, dataStart) = try parseSafetensors(file)
        let names = header.keys.filter { $0 != "__metadata__" }.sorted(by: >)
        var data: [UInt8] = []
        for name in names {
            var info = try XCTUnwrap(header[name] as? [String: Any])
            let offsets = try XCTUnwrap(info["data_offsets"] as? [Int])
            info["data_offsets"] = [data.count, data.count + offsets[1] - offsets[0]]
            data += file[(dataStart + offsets[0])..<(dataStart + offsets[1])]
            header[name] = info
        }
        var json = [UInt8](try JSONSerialization.data(withJSONObject: header))
        json.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
        try write(withUnsafeBytes(of: UInt64(json.count).littleEndian) { [UInt8]($0) } + json + data, path)
    }

    func testTensorsRepackedInAnotherOrderStillLoad() throws {
        let file = path("repacked.ckpt")
        try Self.sample().write(to: file)
        try repackInReverseNameOrder(file)
        let loaded = try CheckpointFile.read(from: file)
        XCTAssertEqual(loaded.tensors.map(\.name), ["scalar", "encoder.embedding", "empty", "bias", "adam.m/encoder.embedding"])
        for entry in Self.sample().tensors {
            let read = try XCTUnwrap(loaded[entry.name], entry.name)
            XCTAssertEqual(read.shape, entry.shape, entry.name)
            assertBitExact(read.values, entry.values, entry.name)
        }
        XCTAssertEqual(loaded.metadata, Self.sample().metadata)
    }

    func testMetadataEditedAfterSavingIsRefused() throws {
        let file = path("edited.ckpt")
        try Self.sample().write(to: file)
        try rewriteHeader(file) { header in
            var metadata = header["__metadata__"] as? [String: String] ?? [:]
            metadata["vocabulary"] = "<pad>\n<s>\n</s>\n<unk>\nextra"
            header["__metadata__"] = metadata
        }
        assertRefused(file, mentions: ["checksum mismatch"])
    }

    func testMetadataEntryAddedAfterSavingIsRefused() throws {
        let file = path("added.ckpt")
        try Self.sample().write(to: file)
        try rewriteHeader(file) { $0["__metadata__"] = ($0["__metadata__"] as? [String: String] ?? [:]).merging(["extra": "x"]) { $1 } }
        assertRefused(file, mentions: ["checksum mismatch"])
    }

    func testTensorRenamedAfterSavingIsRefused() throws {
        let file = path("renamed.ckpt")
        try Self.sample().write(to: file)
        try rewriteHeader(file) { header in
            header["bias_renamed"] = header.removeValue(forKey: "bias")
        }
        assertRefused(file, mentions: ["checksum mismatch"])
    }

    func testTensorReshapedAfterSavingIsRefused() throws {
        let file = path("reshaped.ckpt")
        try Self.sample().write(to: file)
        try rewriteHeader(file) { header in
            var info = header["encoder.embedding"] as? [String: Any] ?? [:]
            info["shape"] = [4, 3]
            header["encoder.embedding"] = info
        }
        assertRefused(file, mentions: ["checksum mismatch"])
    }

    // MARK: Refusing damaged files

    func testMissingFileIsRefused() {
        assertRefused(path("absent.ckpt"), mentions: ["no such checkpoint file"])
    }

    /// A FIFO hung in open(2) and /dev/null was refused as "Is a directory".
    func testCheckpointThatIsNotARegularFileIsRefusedWithoutBlocking() throws {
        let fifo = path("model.fifo")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        assertRefused(fifo, mentions: ["cannot read checkpoint", "not a regular file (a pipe or FIFO)"])
        assertRefused("/dev/null", mentions: ["not a regular file (a character device)"])
        assertRefused(directory, mentions: ["not a regular file (a directory)"])
    }

    /// Writing never renames over a FIFO or device node (as root, `--output /dev/null` would
    /// otherwise replace the device with a file): the node stays and the error says why.
    func testWritingOverANodeThatIsNotARegularFileIsRefused() throws {
        let fifo = path("out.fifo")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try Self.sample().write(to: fifo)) { error in
            XCTAssertTrue("\(error)".contains("not a regular file (a pipe or FIFO)"), "\(error)")
        }
        var status = stat()
        XCTAssertEqual(lstat(fifo, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("tmp") }, [])
    }

    func testTruncatedFilesAreRefused() throws {
        let file = path("model.ckpt")
        try Self.sample().write(to: file)
        let whole = try bytes(file)
        let (_, dataStart) = try parseSafetensors(whole)
        for length in [0, 5, 8, 20, dataStart - 1, dataStart + 3, whole.count - 1] {
            let cut = path("cut-\(length).ckpt")
            try write(Array(whole[..<length]), cut)
            assertRefused(cut, mentions: ["truncated checkpoint"])
        }
    }

    func testFlippedDataByteIsRefused() throws {
        let file = path("model.ckpt")
        try Self.sample().write(to: file)
        var raw = try bytes(file)
        let (_, dataStart) = try parseSafetensors(raw)
        raw[dataStart + 17] ^= 0x01
        try write(raw, file)
        assertRefused(file, mentions: ["checksum mismatch: the file is corrupted"])
    }

    func testFutureFormatVersionIsRefused() throws {
        let file = path("future.ckpt")
        try Self.sample().write(to: file)
        try rewriteHeader(file) { header in
            var metadata = header["__metadata__"] as? [String: String] ?? [:]
            metadata["format_version"] = "999"
            header["__metadata__"] = metadata
        }
        assertRefused(file, mentions: ["format_version \"999\"", "reads version 1 or 2"])
    }

    /// A version 1 file, as this project wrote them before the checksum covered the metadata:
    /// `data_sha256` over the data section.
    func testVersion1FileIsStillRead() throws {
        let file = path("version1.ckpt")
        try Self.sample().write(to: file)
        let dataStart = try parseSafetensors(try bytes(file)).dataStart
        let dataDigest = SHA256.hash(data: Data(try bytes(file)[dataStart...])).map { String(format: "%02x", $0) }.joined()
        try rewriteHeader(file) { header in
            var metadata = header["__metadata__"] as? [String: String] ?? [:]
            metadata["format_version"] = "1"
            metadata["content_sha256"] = nil
            metadata["data_sha256"] = dataDigest
            header["__metadata__"] = metadata
        }
        let loaded = try CheckpointFile.read(from: file)
        XCTAssertEqual(loaded.metadata, Self.sample().metadata)
        XCTAssertEqual(loaded["bias"]?.values, [-0.5, -0.25, 0, 0.25, 0.5])

        var raw = try bytes(file)
        raw[raw.count - 1] ^= 0x01
        try write(raw, file)
        assertRefused(file, mentions: ["checksum mismatch"])
    }

    func testOtherSafetensorsFilesAreRefused() throws {
        let file = path("foreign.safetensors")
        try Self.sample().write(to: file)
        try rewriteHeader(file) { $0["__metadata__"] = ["format": "pt"] }
        assertRefused(file, mentions: ["not an nmt checkpoint", "\"pt\""])
        try rewriteHeader(file) { $0.removeValue(forKey: "__metadata__") }
        assertRefused(file, mentions: ["not an nmt checkpoint", "no __metadata__"])
    }

    func testMalformedHeadersAreRefused() throws {
        let file = path("model.ckpt")
        try Self.sample().write(to: file)
        let good = try bytes(file)
        let (_, dataStart) = try parseSafetensors(good)

        var garbled = good
        garbled[8] = UInt8(ascii: "[")
        try write(garbled, file)
        assertRefused(file, mentions: ["invalid checkpoint header", "not valid JSON"])

        let cases: [(change: (inout [String: Any]) -> Void, mentions: [String])] = [
            ({ $0["bias"] = ["dtype": "F16", "shape": [5], "data_offsets": [48, 68]] }, ["'bias'", "dtype F16", "only F32"]),
            ({ $0["bias"] = ["dtype": "F32", "shape": [5], "data_offsets": [68, 48]] }, ["'bias'", "out of order"]),
            ({ $0["bias"] = ["dtype": "F32", "shape": [5], "data_offsets": [40, 60]] }, ["overlaps"]),
            ({ $0["bias"] = ["dtype": "F32", "shape": [6], "data_offsets": [48, 68]] }, ["'bias' has shape [6]"]),
            ({ $0["bias"] = ["dtype": "F32", "shape": [5]] }, ["invalid checkpoint header", "'bias'", "data_offsets"]),
            ({ $0["bias"] = ["dtype": "F32", "shape": [-5], "data_offsets": [48, 68]] }, ["'bias'", "shape"]),
            ({ $0["bias"] = ["dtype": "F32", "shape": [1.5], "data_offsets": [48, 68]] }, ["'bias'", "shape"]),
            ({ $0["bias"] = ["dtype": "F32", "shape": [Int.max, Int.max], "data_offsets": [48, 68]] }, ["'bias'"]),
            ({ $0["bias"] = "F32" }, ["'bias' is not a JSON object"]),
            ({ $0.removeValue(forKey: "bias") }, ["20 unused bytes before"]),
            ({ $0["__metadata__"] = ["format": "nmt-checkpoint", "format_version": "1", "data_sha256": 7] }, ["strings to strings"]),
            ({ $0["__metadata__"] = ["format": "nmt-checkpoint", "format_version": "1"] }, ["data_sha256"]),
        ]
        for (change, mentions) in cases {
            try write(good, file)
            try rewriteHeader(file, change)
            assertRefused(file, mentions: mentions)
        }

        // The last tensor ends before the data section does.
        try write(good + [0, 0, 0, 0], file)
        assertRefused(file, mentions: ["4 bytes after the last tensor"])
        // A header length beyond the file.
        var long = good
        long[6] = 0x01
        try write(long, file)
        assertRefused(file, mentions: ["truncated checkpoint", "header length"])
        XCTAssertGreaterThan(dataStart, 8)
    }

    // MARK: Writing

    func testWriteRefusesWhatTheFormatCannotHold() {
        let file = path("bad.ckpt")
        let duplicate = CheckpointFile(tensors: [.init(name: "a", shape: [1], values: [1]), .init(name: "a", shape: [1], values: [2])])
        XCTAssertTrue(message({ try duplicate.write(to: file) }).contains("two tensors are named 'a'"))
        let reservedName = CheckpointFile(tensors: [.init(name: "__metadata__", shape: [1], values: [1])])
        XCTAssertTrue(message({ try reservedName.write(to: file) }).contains("reserved"))
        let reservedKey = CheckpointFile(metadata: ["format_version": "2"])
        XCTAssertTrue(message({ try reservedKey.write(to: file) }).contains("metadata key 'format_version' is reserved"))
        let wrongCount = CheckpointFile(tensors: [.init(name: "w", shape: [2, 3], values: [1, 2])])
        XCTAssertTrue(message({ try wrongCount.write(to: file) }).contains("tensor 'w' has 2 values for shape [2, 3]"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
    }

    func testWriteIntoMissingDirectoryNamesThePath() {
        let file = path("no/such/dir/model.ckpt")
        let text = message({ try Self.sample().write(to: file) })
        XCTAssertTrue(text.hasPrefix(file + ": cannot write checkpoint"), text)
    }

    func testWriteLeavesNoTemporaryFilesAndReplacesTheTarget() throws {
        let file = path("model.ckpt")
        try CheckpointFile(tensors: [.init(name: "old", shape: [1], values: [1])]).write(to: file)
        try Self.sample().write(to: file)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["model.ckpt"])
        XCTAssertEqual(try CheckpointFile.read(from: file).tensors.map(\.name), Self.sample().tensors.map(\.name))
    }

    #if os(Linux)
    /// A write that fails part-way (here: the file-size limit, EFBIG, after the header and some
    /// data are written) leaves the old checkpoint in place and no temporary file behind.
    func testFailedWriteKeepsTheOldCheckpoint() throws {
        let file = path("model.ckpt")
        let old = CheckpointFile(tensors: [.init(name: "old", shape: [2], values: [1, 2])], metadata: ["step": "1"])
        try old.write(to: file)
        let oldBytes = try bytes(file)
        let big = CheckpointFile(tensors: [.init(name: "big", shape: [1 << 18], values: .init(repeating: 1, count: 1 << 18))])

        var saved = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        var limited = saved
        limited.rlim_cur = 64 * 1024
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limited), 0)
        let text = message({ try big.write(to: file) })
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        signal(SIGXFSZ, previousHandler)

        XCTAssertTrue(text.hasPrefix(file + ": cannot write checkpoint: write:"), text)
        XCTAssertEqual(try bytes(file), oldBytes)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["model.ckpt"])
        XCTAssertEqual(try CheckpointFile.read(from: file).metadata, ["step": "1"])
    }
    #endif

    // MARK: Loading into a model

    func testLoadAssignsByNameAndChecksShapes() throws {
        let file = path("model.ckpt")
        try Self.sample().write(to: file)
        let checkpoint = try CheckpointFile.read(from: file)

        let bias = Tensor(zeros: [5])
        let embedding = Tensor(zeros: [3, 4])
        try checkpoint.load(into: [("bias", bias), ("encoder.embedding", embedding)], allowingUnexpected: true)
        XCTAssertEqual(bias.values, [-0.5, -0.25, 0, 0.25, 0.5])
        assertBitExact(embedding.values, Self.awkwardValues, "embedding")

        let untouched = Tensor(zeros: [5])
        let text = message({
            try checkpoint.load(into: [("bias", untouched), ("encoder.embedding", Tensor(zeros: [4, 3])), ("decoder.w", Tensor(zeros: [2]))])
        })
        XCTAssertTrue(text.hasPrefix(file + ": checkpoint does not match the model"), text)
        XCTAssertTrue(text.contains("missing from the checkpoint: decoder.w"), text)
        XCTAssertTrue(text.contains("not in the model: scalar, empty, adam.m/encoder.embedding"), text)
        XCTAssertTrue(text.contains("'encoder.embedding' has shape [3, 4] in the checkpoint but [4, 3] in the model"), text)
        XCTAssertEqual(untouched.values, [0, 0, 0, 0, 0], "nothing is assigned when anything mismatches")
    }

    // MARK: Speed

    /// A 13M-parameter checkpoint (~52 MB) written and read in a release build. Runs only when
    /// NMT_CHECKPOINT_BENCH names a directory, and leaves `bench.ckpt` there for other tools:
    ///
    ///     NMT_CHECKPOINT_BENCH=/tmp/ckpt-bench swift test -c release --filter CheckpointFileTests/testSpeed
    func testSpeedOfA13MParameterCheckpoint() throws {
        guard let benchDirectory = ProcessInfo.processInfo.environment["NMT_CHECKPOINT_BENCH"] else {
            throw XCTSkip("set NMT_CHECKPOINT_BENCH=<directory> to measure")
        }
        try FileManager.default.createDirectory(atPath: benchDirectory, withIntermediateDirectories: true)
        let file = benchDirectory + "/bench.ckpt"
        // Shapes like the reference model's: 8000-word vocabularies, 256 embeddings, 512 hidden.
        let shapes: [(String, [Int])] = [
            ("encoder.embedding", [8000, 256]), ("encoder.forward.w", [256 + 256, 1024]),
            ("encoder.backward.w", [256 + 256, 1024]), ("decoder.embedding", [8000, 256]),
            ("decoder.lstm.w", [256 + 512 + 512, 2048]), ("decoder.output.w", [512, 8000]),
            ("decoder.output.b", [8000]), ("bridge.w", [1024, 1024]), ("attention.w", [512, 512]),
        ]
        var generator = SeededGenerator(seed: 7)
        let tensors = shapes.map { name, shape -> (name: String, tensor: Tensor) in
            let t = Tensor(uninitialized: shape)
            for i in 0..<t.count { t.data[i] = 2 * generator.nextUniform() - 1 }
            return (name, t)
        }
        let parameters = tensors.reduce(0) { $0 + $1.tensor.count }

        var start = Date()
        try CheckpointFile.write(tensors, metadata: ["config": "{}"], to: file)
        let writeSeconds = Date().timeIntervalSince(start)
        start = Date()
        let loaded = try CheckpointFile.read(from: file)
        let readSeconds = Date().timeIntervalSince(start)
        start = Date()
        try loaded.load(into: tensors)
        let loadSeconds = Date().timeIntervalSince(start)

        let megabytes = Double(try bytes(file).count) / 1e6
        print(String(format: "checkpoint: %d parameters, %.1f MB: write %.3f s (incl. fsync), read+verify %.3f s, load into tensors %.3f s",
                     parameters, megabytes, writeSeconds, readSeconds, loadSeconds))
        assertBitExact(loaded.tensors[5].values, tensors[5].tensor.values, "decoder.output.w")
    }
}
