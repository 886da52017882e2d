import Autodiff
import Checkpoint
import Foundation
import Layers
import Model
import Search
import Text

/// A training checkpoint: the weights, Adam's moments, and in `__metadata__` the configuration,
/// the codec (segmentation settings, merges or SentencePiece models, vocabularies) and the
/// training state. An int8 checkpoint holds int8 weights and nothing for training
/// (ModelCheckpoint+Int8).
public struct ModelCheckpoint {
    public let configuration: TrainingConfiguration
    public let codec: TextCodec
    public let model: Seq2Seq
    public let state: TrainingState?
    public let optimizerStep: Int
    /// The output shortlist `nmt shortlist` added, if any.
    public let shortlist: Shortlist?
    /// float32, or int8 for a checkpoint from `nmt quantize` (the model's matrices then have
    /// their int8 forms, and decoding multiplies by them).
    public let precision: Precision
    let file: CheckpointFile

    enum Key {
        static let configuration = "configuration"
        static let model = "model"
        static let codec = "codec"
        static let sourceVocabulary = "source_vocabulary"
        static let targetVocabulary = "target_vocabulary"
        static let sourceMerges = "source_merges"
        static let targetMerges = "target_merges"
        static let sourceSentencePiece = "source_sentencepiece"
        static let targetSentencePiece = "target_sentencepiece"
        static let state = "training_state"
        static let optimizerStep = "optimizer_step"
        static let shortlist = "shortlist"
    }

    static func momentNames(_ name: String) -> (first: String, second: String) {
        ("optimizer.adam_m.\(name)", "optimizer.adam_v.\(name)")
    }

    /// Writes atomically (see CheckpointFile). Matrices with an int8 form are written as int8
    /// (an int8 checkpoint, which holds no optimizer state).
    public static func save(to path: String, model: Seq2Seq, optimizer: Adam?, codec: TextCodec,
                            configuration: TrainingConfiguration, state: TrainingState?, shortlist: Shortlist? = nil) throws {
        let storage = try storage(of: model.namedParameters)
        precondition(storage.int8.isEmpty || (optimizer == nil && state == nil), "an int8 checkpoint holds no training state")
        var tensors = storage.float
        if let optimizer {
            for (index, parameter) in optimizer.parameters.enumerated() {
                let names = momentNames(parameter.name)
                tensors.append((names.first, optimizer.firstMoments[index]))
                tensors.append((names.second, optimizer.secondMoments[index]))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        var metadata: [String: String] = [
            Key.configuration: try configuration.jsonString(),
            Key.model: try json(model.config),
            Key.codec: try json(codec.settings),
            Key.sourceVocabulary: codec.sourceVocabulary.fileContents,
            Key.targetVocabulary: codec.targetVocabulary.fileContents,
            Key.optimizerStep: String(optimizer?.step ?? 0),
        ]
        if let merges = codec.sourceMerges { metadata[Key.sourceMerges] = merges.fileContents }
        if let merges = codec.targetMerges { metadata[Key.targetMerges] = merges.fileContents }
        // A .model file is binary; the metadata holds text, so it goes in as base64.
        if let model = codec.sourceSentencePiece { metadata[Key.sourceSentencePiece] = Data(model.bytes).base64EncodedString() }
        if let model = codec.targetSentencePiece { metadata[Key.targetSentencePiece] = Data(model.bytes).base64EncodedString() }
        if let state { metadata[Key.state] = try json(state) }
        if let shortlist { metadata[Key.shortlist] = shortlist.fileContents }
        metadata.merge(storage.metadata) { _, int8 in int8 }
        try CheckpointFile.write(tensors, int8Tensors: storage.int8, metadata: metadata, to: path)
    }

    /// Reads and verifies a checkpoint and rebuilds the model with its weights. Every metadata
    /// value is checked against the tensors first (see ModelCheckpoint+Checks), and the model
    /// against `physicalMemory`.
    public static func load(from path: String,
                            physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory) throws -> ModelCheckpoint {
        let file = try CheckpointFile.read(from: path)
        func field(_ key: String) throws -> String {
            guard let value = file.metadata[key] else { throw CheckpointError.invalidContents(path: path, reason: "metadata has no `\(key)`") }
            return value
        }
        func decode<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
            do { return try JSONDecoder().decode(type, from: Data(try field(key).utf8)) } catch let error as CheckpointError {
                throw error
            } catch {
                throw CheckpointError.invalidContents(path: path, reason: "metadata `\(key)` cannot be read: \(error)")
            }
        }
        do {
            let configuration = try TrainingConfiguration(jsonString: try field(Key.configuration))
            let modelConfiguration = try decode(ModelConfiguration.self, Key.model)
            let settings = try decode(TextCodec.Settings.self, Key.codec)
            let sourceMerges = try file.metadata[Key.sourceMerges].map { try BPEMerges(fileContents: $0, name: "\(path): source merges") }
            let targetMerges = try file.metadata[Key.targetMerges].map { try BPEMerges(fileContents: $0, name: "\(path): target merges") }
            let sourceSentencePiece = try sentencePiece(file.metadata[Key.sourceSentencePiece], key: Key.sourceSentencePiece, path: path)
            let targetSentencePiece = try sentencePiece(file.metadata[Key.targetSentencePiece], key: Key.targetSentencePiece, path: path)
            let sourceVocabulary = try Vocabulary(fileContents: try field(Key.sourceVocabulary), name: "\(path): source vocabulary")
            let targetVocabulary = try Vocabulary(fileContents: try field(Key.targetVocabulary), name: "\(path): target vocabulary")
            try checkModel(modelConfiguration, configuration: configuration, sourceVocabulary: sourceVocabulary,
                           targetVocabulary: targetVocabulary, file: file, path: path, physicalMemory: physicalMemory)
            try checkFinite(file, path: path)
            let state = file.metadata[Key.state] == nil ? nil : try decode(TrainingState.self, Key.state)
            if let state { try checkState(state, path: path) }
            let optimizerStep = try optimizerStep(file.metadata[Key.optimizerStep], path: path)
            let codec = try TextCodec(settings: settings, sourceMerges: sourceMerges, targetMerges: targetMerges,
                                      sourceSentencePiece: sourceSentencePiece, targetSentencePiece: targetSentencePiece,
                                      sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary)
            let shortlist = try file.metadata[Key.shortlist].map {
                try Shortlist(fileContents: $0, name: "\(path): shortlist", sourceVocabularySize: sourceVocabulary.count,
                              targetVocabularySize: targetVocabulary.count)
            }
            let precision = try Self.precision(of: file, path: path)
            let int8 = precision == .int8 ? try int8Layout(of: file, path: path) : [:]
            // Every parameter is read from the file below (a missing one is refused), so none is drawn.
            let model = Seq2Seq(modelConfiguration, seed: 0, drawingParameters: false)
            let parameters = model.namedParameters
            try file.load(into: parameters.filter { int8[$0.name] == nil }, allowingUnexpected: true)
            loadInt8(file, layout: int8, into: parameters)
            return ModelCheckpoint(configuration: configuration, codec: codec, model: model, state: state,
                                   optimizerStep: optimizerStep, shortlist: shortlist, precision: precision, file: file)
        } catch let error as CheckpointError {
            throw error
        } catch {
            throw CheckpointError.invalidContents(path: path, reason: "\(error)")
        }
    }

    /// Puts the saved Adam moments and step count into `optimizer` (built over this model).
    public func restore(_ optimizer: Adam) throws {
        var moments: [(name: String, tensor: Tensor)] = []
        for (index, parameter) in optimizer.parameters.enumerated() {
            let names = Self.momentNames(parameter.name)
            moments.append((names.first, optimizer.firstMoments[index]))
            moments.append((names.second, optimizer.secondMoments[index]))
        }
        try file.load(into: moments, allowingUnexpected: true)
        optimizer.restore(step: optimizerStep)
    }
}
