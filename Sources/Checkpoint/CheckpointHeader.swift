import Foundation

/// The JSON header of a checkpoint in the safetensors layout:
///
///     { "__metadata__": { "format": "nmt-checkpoint", "format_version": "2",
///                         "content_sha256": "<64 hex digits>", …caller's string entries… },
///       "<name>": { "dtype": "F32", "shape": [d0, d1, …], "data_offsets": [begin, end] }, … }
///
/// dtype F32 (4-byte floats) or I8 (bytes, the weights of an int8 checkpoint).
/// Offsets are bytes relative to the start of the data section; tensors are packed in order,
/// the first at 0, each starting where the previous ends, the last ending at the end of the file.
struct CheckpointHeader {
    struct TensorInfo {
        var name: String
        var dtype: CheckpointDType = .float32
        var shape: [Int]
        /// Byte range in the data section.
        var begin: Int
        var end: Int
        var count: Int { (end - begin) / dtype.size }
    }

    /// In data order.
    var tensors: [TensorInfo]
    /// The caller's entries, without the reserved keys below.
    var metadata: [String: String]
    var checksum: Checksum

    /// What the file's checksum covers, by format version.
    enum Checksum: Equatable {
        /// Version 1, `data_sha256`: hex SHA-256 of the data section as laid out; the metadata
        /// is not covered. Still read, never written.
        case data(String)
        /// Version 2, `content_sha256`: hex `CheckpointDigest` of metadata and tensors by name.
        case content(String)
    }

    static let metadataKey = "__metadata__"
    static let formatKey = "format"
    static let versionKey = "format_version"
    static let dataChecksumKey = "data_sha256"
    static let contentChecksumKey = "content_sha256"
    static let reservedMetadataKeys: Set<String> = [formatKey, versionKey, dataChecksumKey, contentChecksumKey]
    /// Versions this build reads; it writes `CheckpointFile.formatVersion`.
    static let readableVersions = ["1", "2"]
    /// The limit the reference safetensors implementation enforces.
    static let maximumLength = 100_000_000

    /// The header bytes, padded with spaces so the data section (after the 8-byte length field
    /// and the header) starts at a multiple of 8, as safetensors does.
    func encoded() throws -> [UInt8] {
        var object: [String: Any] = [:]
        var fullMetadata = metadata
        fullMetadata[Self.formatKey] = CheckpointFile.format
        switch checksum {
        case .data(let digest):
            fullMetadata[Self.versionKey] = "1"
            fullMetadata[Self.dataChecksumKey] = digest
        case .content(let digest):
            fullMetadata[Self.versionKey] = "2"
            fullMetadata[Self.contentChecksumKey] = digest
        }
        object[Self.metadataKey] = fullMetadata
        for info in tensors {
            object[info.name] = ["dtype": info.dtype.rawValue, "shape": info.shape, "data_offsets": [info.begin, info.end]] as [String: Any]
        }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        let padding = (8 - (8 + bytes.count) % 8) % 8
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
        return bytes
    }

    /// Parses and checks a header read from `path`, whose data section is `dataLength` bytes.
    /// Everything but the checksum is verified here: JSON shape, format and version, dtypes, and
    /// offsets that agree with the shapes and tile the data section exactly.
    static func decode(_ bytes: [UInt8], path: String, dataLength: Int) throws -> CheckpointHeader {
        func invalid(_ reason: String) -> CheckpointError { .invalidHeader(path: path, reason: reason) }

        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw invalid("not valid JSON (\(error.localizedDescription))")
        }
        guard let object = parsed as? [String: Any] else { throw invalid("not a JSON object") }

        guard let rawMetadata = object[metadataKey] else {
            throw CheckpointError.notACheckpoint(path: path, reason: "the header has no \(metadataKey)")
        }
        guard let allMetadata = rawMetadata as? [String: String] else {
            throw invalid("\(metadataKey) must map strings to strings")
        }
        guard let format = allMetadata[formatKey] else {
            throw CheckpointError.notACheckpoint(path: path, reason: "\(metadataKey) has no \"\(formatKey)\" entry")
        }
        guard format == CheckpointFile.format else {
            throw CheckpointError.notACheckpoint(
                path: path, reason: "\(metadataKey) format is \"\(format)\", expected \"\(CheckpointFile.format)\"")
        }
        guard let version = allMetadata[versionKey] else { throw invalid("\(metadataKey) has no \"\(versionKey)\" entry") }
        guard readableVersions.contains(version) else {
            throw CheckpointError.unsupportedVersion(path: path, found: version, supported: readableVersions.joined(separator: " or "))
        }
        let checksumKey = version == "1" ? dataChecksumKey : contentChecksumKey
        guard let digest = allMetadata[checksumKey] else { throw invalid("\(metadataKey) has no \"\(checksumKey)\" entry") }
        guard digest.utf8.count == 64, digest.utf8.allSatisfy(isLowercaseHexDigit) else {
            throw invalid("\(checksumKey) is not 64 lowercase hex digits: \"\(digest)\"")
        }
        let checksum: Checksum = version == "1" ? .data(digest) : .content(digest)

        var tensors: [TensorInfo] = []
        for (name, value) in object where name != metadataKey {
            guard let entry = value as? [String: Any] else { throw invalid("tensor '\(name)' is not a JSON object") }
            guard let dtype = entry["dtype"] as? String else { throw invalid("tensor '\(name)' has no string \"dtype\"") }
            guard let type = CheckpointDType(rawValue: dtype) else {
                throw CheckpointError.unsupportedDType(path: path, tensor: name, dtype: dtype)
            }
            guard let shapeArray = entry["shape"] as? [Any],
                  let shape = nonNegativeIntegers(shapeArray) else {
                throw invalid("tensor '\(name)' has no \"shape\" list of non-negative integers")
            }
            guard let offsetArray = entry["data_offsets"] as? [Any], offsetArray.count == 2,
                  let offsets = nonNegativeIntegers(offsetArray) else {
                throw invalid("tensor '\(name)' has no \"data_offsets\" pair of non-negative integers")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin <= end else {
                throw CheckpointError.invalidOffsets(path: path, reason: "'\(name)' has data_offsets [\(begin), \(end)] out of order")
            }
            guard let bytes = byteCount(shape, type), end - begin == bytes else {
                throw CheckpointError.invalidOffsets(
                    path: path, reason: "'\(name)' has shape \(shape) but data_offsets [\(begin), \(end)] span \(end - begin) bytes")
            }
            tensors.append(TensorInfo(name: name, dtype: type, shape: shape, begin: begin, end: end))
        }

        // Zero-length tensors share an offset with their neighbour; order those by name.
        tensors.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expected = 0
        var previous: TensorInfo?
        for info in tensors {
            if info.begin < expected, let previous {
                throw CheckpointError.invalidOffsets(
                    path: path, reason: "'\(info.name)' [\(info.begin), \(info.end)] overlaps '\(previous.name)' [\(previous.begin), \(previous.end)]")
            }
            if info.begin > expected {
                throw CheckpointError.invalidOffsets(
                    path: path, reason: "\(info.begin - expected) unused bytes before '\(info.name)' at offset \(info.begin)")
            }
            expected = info.end
            previous = info
        }
        if expected > dataLength {
            throw CheckpointError.truncated(
                path: path, reason: "the header describes \(expected) bytes of tensor data but the file holds only \(dataLength)")
        }
        if expected < dataLength {
            throw CheckpointError.invalidOffsets(
                path: path, reason: "\(dataLength - expected) bytes after the last tensor's data")
        }

        let user = allMetadata.filter { !reservedMetadataKeys.contains($0.key) }
        return CheckpointHeader(tensors: tensors, metadata: user, checksum: checksum)
    }

    /// Bytes of a tensor of this shape and type, nil if the count overflows.
    static func byteCount(_ shape: [Int], _ dtype: CheckpointDType = .float32) -> Int? {
        var bytes = dtype.size
        for dimension in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            bytes = product
        }
        return bytes
    }

    private static func nonNegativeIntegers(_ values: [Any]) -> [Int]? {
        var result: [Int] = []
        result.reserveCapacity(values.count)
        for value in values {
            guard let integer = value as? Int, integer >= 0 else { return nil }
            result.append(integer)
        }
        return result
    }

    private static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

/// The element types a checkpoint holds, by their safetensors names.
public enum CheckpointDType: String, Sendable {
    case float32 = "F32"
    /// The int8 weights of an int8 checkpoint (`nmt quantize`).
    case int8 = "I8"

    /// Bytes per element.
    var size: Int { self == .float32 ? MemoryLayout<Float>.size : MemoryLayout<Int8>.size }
}
