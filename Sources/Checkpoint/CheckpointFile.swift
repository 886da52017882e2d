import Files
import Foundation

#if _endian(big)
#error("Checkpoint I/O copies Float32 values as they lie in memory; the format is little-endian.")
#endif

/// A checkpoint: named Float32 tensors and string metadata in one file in the safetensors
/// layout, so Python tooling (`safetensors.safe_open`) reads the weights:
///
///     [8 bytes] N, little-endian UInt64
///     [N bytes] JSON header (see `CheckpointHeader`), space-padded so the data starts 8-aligned
///     [rest]    the tensors' values, packed in order: little-endian Float32 (F32), or bytes (I8:
///               the weights of an int8 checkpoint, `int8Tensors`)
///
/// `__metadata__` carries `format` = "nmt-checkpoint", `format_version` = "2", `content_sha256`
/// (see `CheckpointDigest`: the metadata and the tensors by name) and the caller's `metadata`
/// entries. Version 1 files, whose `data_sha256` covers the data section only, are still read.
/// Writes are atomic (temporary file, fsync, rename); reads verify the structure and the checksum
/// before returning anything.
public struct CheckpointFile: Sendable {
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var shape: [Int]
        /// Row-major, `shape.reduce(1, *)` values.
        public var values: [Float]

        public init(name: String, shape: [Int], values: [Float]) {
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    public static let format = "nmt-checkpoint"
    public static let formatVersion = "2"
    /// Metadata keys the file format itself uses; `write` refuses them in `metadata`.
    public static var reservedMetadataKeys: Set<String> { CheckpointHeader.reservedMetadataKeys }

    /// The Float32 tensors, in file order.
    public var tensors: [Entry]
    /// The int8 tensors (dtype I8), in file order.
    public var int8Tensors: [Int8Entry] = []
    /// The caller's entries: config JSON, vocabularies, merges, training state… (the reserved
    /// keys are not included after `read`).
    public var metadata: [String: String]
    /// The file this was read from, for error messages.
    var sourcePath: String?

    public init(tensors: [Entry] = [], int8Tensors: [Int8Entry] = [], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.int8Tensors = int8Tensors
        self.metadata = metadata
    }

    /// The entry named `name`, if any.
    public subscript(name: String) -> Entry? {
        tensors.first { $0.name == name }
    }

    /// Writes the checkpoint atomically: `path` holds either its old contents or the complete new
    /// file, never a part.
    public func write(to path: String) throws {
        var sources: [TensorSource] = []
        sources.reserveCapacity(tensors.count)
        for entry in tensors {
            guard let bytes = CheckpointHeader.byteCount(entry.shape), entry.shape.allSatisfy({ $0 >= 0 }),
                  bytes == entry.values.count * MemoryLayout<Float>.size else {
                throw CheckpointError.invalidContents(
                    path: path, reason: "tensor '\(entry.name)' has \(entry.values.count) values for shape \(entry.shape)")
            }
            sources.append(TensorSource(name: entry.name, shape: entry.shape) { try entry.values.withUnsafeBytes($0) })
        }
        for entry in int8Tensors {
            guard let bytes = CheckpointHeader.byteCount(entry.shape, .int8), entry.shape.allSatisfy({ $0 >= 0 }),
                  bytes == entry.values.count else {
                throw CheckpointError.invalidContents(
                    path: path, reason: "int8 tensor '\(entry.name)' has \(entry.values.count) values for shape \(entry.shape)")
            }
            sources.append(TensorSource(name: entry.name, dtype: .int8, shape: entry.shape) { try entry.values.withUnsafeBytes($0) })
        }
        try Self.write(sources, metadata: metadata, to: path)
    }

    /// Reads and verifies the checkpoint at `path`: structure, format and version, dtypes,
    /// offsets and the SHA-256 of the data section.
    public static func read(from path: String) throws -> CheckpointFile {
        let file: POSIXFile
        do {
            file = try POSIXFile.openForReading(path)
        } catch let failure as POSIXFile.Failure {
            if failure.code == ENOENT { throw CheckpointError.fileNotFound(path: path) }
            throw CheckpointError.unreadable(path: path, reason: failure.message)
        }
        defer { try? file.close() }
        do {
            return try read(file, path: path)
        } catch let failure as POSIXFile.Failure {
            throw CheckpointError.unreadable(path: path, reason: failure.message)
        }
    }

    private static func read(_ file: POSIXFile, path: String) throws -> CheckpointFile {
        func truncated(_ reason: String) -> CheckpointError { .truncated(path: path, reason: reason) }

        let size = try file.size()
        guard size >= 8 else { throw truncated("the file is \(size) bytes, too short for the 8-byte header length") }
        var lengthField: UInt64 = 0
        guard try withUnsafeMutableBytes(of: &lengthField, { try file.read(into: $0) }) == 8 else {
            throw truncated("the file ended while reading the header length")
        }
        let headerLength = UInt64(littleEndian: lengthField)
        guard headerLength <= UInt64(size - 8) else {
            throw truncated("the header length field says \(headerLength) bytes but only \(size - 8) bytes follow it")
        }
        guard headerLength <= UInt64(CheckpointHeader.maximumLength) else {
            throw CheckpointError.invalidHeader(
                path: path, reason: "header length \(headerLength) exceeds the limit of \(CheckpointHeader.maximumLength) bytes")
        }
        var headerBytes = [UInt8](repeating: 0, count: Int(headerLength))
        guard try headerBytes.withUnsafeMutableBytes({ try file.read(into: $0) }) == headerBytes.count else {
            throw truncated("the file ended inside the header")
        }
        let header = try CheckpointHeader.decode(headerBytes, path: path, dataLength: size - 8 - Int(headerLength))

        // The header has checked that the tensors tile the data section from 0 in this order, so
        // reading them one after another reads the whole section (and hashes it, for version 1;
        // version 2's checksum hashes the content below, so the bytes are not hashed twice).
        var hasher = SHA256()
        let hashesData = if case .data = header.checksum { true } else { false }
        var entries: [Entry] = []
        var int8Entries: [Int8Entry] = []
        entries.reserveCapacity(header.tensors.count)
        /// The next `info.count` values of the data section, hashed as they are read (version 1).
        func readValues<Value>(of info: CheckpointHeader.TensorInfo, as _: Value.Type) throws -> [Value] {
            try [Value](unsafeUninitializedCapacity: info.count) { buffer, initialized in
                let bytes = UnsafeMutableRawBufferPointer(buffer)
                guard try file.read(into: bytes) == bytes.count else {
                    throw truncated("the file ended inside tensor '\(info.name)'")
                }
                if hashesData { hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes)) }
                initialized = info.count
            }
        }
        for info in header.tensors {
            if info.dtype == .int8 {
                int8Entries.append(Int8Entry(name: info.name, shape: info.shape, values: try readValues(of: info, as: Int8.self)))
            } else {
                entries.append(Entry(name: info.name, shape: info.shape, values: try readValues(of: info, as: Float.self)))
            }
        }
        switch header.checksum {
        case .data(let expected):
            let actual = hexadecimal(hasher.finalize())
            guard actual == expected else {
                throw CheckpointError.checksumMismatch(path: path, expected: expected, actual: actual)
            }
        case .content(let expected):
            var digest = CheckpointDigest(metadata: header.metadata, tensorCount: entries.count + int8Entries.count)
            let sources = entries.map { entry in
                TensorSource(name: entry.name, shape: entry.shape) { try entry.values.withUnsafeBytes($0) }
            } + int8Entries.map { entry in
                TensorSource(name: entry.name, dtype: .int8, shape: entry.shape) { try entry.values.withUnsafeBytes($0) }
            }
            for source in sources.sorted(by: { CheckpointDigest.byteOrder($0.name, $1.name) }) {
                try source.withBytes { digest.appendTensor(name: source.name, shape: source.shape, bytes: $0) }
            }
            let actual = digest.finalize()
            guard actual == expected else {
                throw CheckpointError.checksumMismatch(path: path, expected: expected, actual: actual)
            }
        }
        var checkpoint = CheckpointFile(tensors: entries, int8Tensors: int8Entries, metadata: header.metadata)
        checkpoint.sourcePath = path
        return checkpoint
    }
}

// MARK: - Writing

/// One tensor to write: its name, shape, and access to its `4 · count` bytes. Both
/// `CheckpointFile.write(to:)` and the `Tensor` overload go through this, so the model's buffers
/// are hashed and written in place without a copy.
struct TensorSource {
    var name: String
    var dtype: CheckpointDType = .float32
    var shape: [Int]
    var withBytes: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
}

extension CheckpointFile {
    static func write(_ sources: [TensorSource], metadata: [String: String], to path: String) throws {
        var names = Set<String>()
        for source in sources {
            guard source.name != CheckpointHeader.metadataKey else {
                throw CheckpointError.invalidContents(path: path, reason: "'\(source.name)' is reserved and cannot name a tensor")
            }
            guard names.insert(source.name).inserted else {
                throw CheckpointError.invalidContents(path: path, reason: "two tensors are named '\(source.name)'")
            }
        }
        if let key = metadata.keys.sorted().first(where: CheckpointHeader.reservedMetadataKeys.contains) {
            throw CheckpointError.invalidContents(path: path, reason: "metadata key '\(key)' is reserved for the file format")
        }

        // Pass 1: offsets and the checksum, which the header needs before any data is written.
        var infos: [CheckpointHeader.TensorInfo] = []
        var offset = 0
        for source in sources {
            guard let bytes = CheckpointHeader.byteCount(source.shape, source.dtype) else {
                throw CheckpointError.invalidContents(path: path, reason: "tensor '\(source.name)' has an impossible shape \(source.shape)")
            }
            infos.append(.init(name: source.name, dtype: source.dtype, shape: source.shape, begin: offset, end: offset + bytes))
            offset += bytes
        }
        var digest = CheckpointDigest(metadata: metadata, tensorCount: sources.count)
        for source in sources.sorted(by: { CheckpointDigest.byteOrder($0.name, $1.name) }) {
            try source.withBytes { digest.appendTensor(name: source.name, shape: source.shape, bytes: $0) }
        }
        let header = CheckpointHeader(tensors: infos, metadata: metadata, checksum: .content(digest.finalize()))
        let headerBytes = try header.encoded()
        var prefix = [UInt8]()
        prefix.reserveCapacity(8 + headerBytes.count)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { prefix.append(contentsOf: $0) }
        prefix.append(contentsOf: headerBytes)

        // Pass 2: length, header and the tensors' bytes straight from their buffers.
        do {
            try FileReplacement.replace(path) { file in
                try prefix.withUnsafeBytes { try file.write($0) }
                for source in sources {
                    try source.withBytes { try file.write($0) }
                }
            }
        } catch let failure as POSIXFile.Failure {
            throw CheckpointError.unwritable(path: path, reason: failure.message)
        }
    }
}
