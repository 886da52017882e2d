import Foundation

/// Everything that can go wrong reading or writing a checkpoint. Each description is one sentence
/// for a person: it starts with the file's path and says what is wrong with it.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    /// The file ends before the header or the data it announces.
    case truncated(path: String, reason: String)
    /// The header is not JSON, or a field is missing or of the wrong type.
    case invalidHeader(path: String, reason: String)
    /// Valid safetensors, but `__metadata__.format` is not ours.
    case notACheckpoint(path: String, reason: String)
    case unsupportedVersion(path: String, found: String, supported: String)
    case unsupportedDType(path: String, tensor: String, dtype: String)
    /// Offsets that disagree with the shape, overlap, leave gaps or run backwards.
    case invalidOffsets(path: String, reason: String)
    case checksumMismatch(path: String, expected: String, actual: String)
    /// The caller asked to write something the format cannot hold (duplicate or reserved names,
    /// a value count that disagrees with the shape, a reserved metadata key).
    case invalidContents(path: String, reason: String)
    /// `load(into:)`: the checkpoint's tensors do not fit the model's.
    case tensorMismatch(path: String, missing: [String], unexpected: [String], misshaped: [ShapeMismatch])

    public struct ShapeMismatch: Equatable, Sendable {
        public var name: String
        public var checkpoint: [Int]
        public var model: [Int]

        public init(name: String, checkpoint: [Int], model: [Int]) {
            self.name = name
            self.checkpoint = checkpoint
            self.model = model
        }
    }

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such checkpoint file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read checkpoint: \(reason)"
        case .unwritable(let path, let reason):
            return "\(path): cannot write checkpoint: \(reason)"
        case .truncated(let path, let reason):
            return "\(path): truncated checkpoint: \(reason)"
        case .invalidHeader(let path, let reason):
            return "\(path): invalid checkpoint header: \(reason)"
        case .notACheckpoint(let path, let reason):
            return "\(path): not an nmt checkpoint: \(reason)"
        case .unsupportedVersion(let path, let found, let supported):
            return "\(path): unsupported checkpoint format_version \"\(found)\"; this build reads version \(supported)"
        case .unsupportedDType(let path, let tensor, let dtype):
            return "\(path): tensor '\(tensor)' has dtype \(dtype); only F32 and I8 are supported"
        case .invalidOffsets(let path, let reason):
            return "\(path): invalid tensor data offsets: \(reason)"
        case .checksumMismatch(let path, let expected, let actual):
            return "\(path): checksum mismatch: the file is corrupted or was edited after saving (the header records \(expected), the contents hash to \(actual))"
        case .invalidContents(let path, let reason):
            return "\(path): \(reason)"
        case .tensorMismatch(let path, let missing, let unexpected, let misshaped):
            var problems: [String] = []
            if !missing.isEmpty { problems.append("missing from the checkpoint: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { problems.append("not in the model: \(unexpected.joined(separator: ", "))") }
            for m in misshaped {
                problems.append("'\(m.name)' has shape \(m.checkpoint) in the checkpoint but \(m.model) in the model")
            }
            return "\(path): checkpoint does not match the model: \(problems.joined(separator: "; "))"
        }
    }

    public var errorDescription: String? { description }
}
