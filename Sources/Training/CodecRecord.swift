import Foundation
import Text
import Translation

/// A codec as prepared data stores it, so that a later run reuses the vocabularies, merges and
/// SentencePiece models the data's ids were made with: the settings as a checkpoint stores them
/// (their JSON, `sharedVocabulary` included), the vocabulary files, the merges files and the
/// SentencePiece `.model` bytes (base64). Its digest tells whether a checkpoint's codec (on
/// `--resume` or `--finetune`) is the one the data was prepared with.
struct CodecRecord: Codable, Equatable {
    var settings: String
    var sourceVocabulary: String
    var targetVocabulary: String
    var sourceMerges: String?
    var targetMerges: String?
    /// The SentencePiece models' bytes, base64; the same text on both sides for one shared model.
    var sourceSentencePiece: String?
    var targetSentencePiece: String?

    init(_ codec: TextCodec) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        settings = String(decoding: try encoder.encode(codec.settings), as: UTF8.self)
        sourceVocabulary = codec.sourceVocabulary.fileContents
        targetVocabulary = codec.targetVocabulary.fileContents
        sourceMerges = codec.sourceMerges?.fileContents
        targetMerges = codec.targetMerges?.fileContents
        sourceSentencePiece = codec.sourceSentencePiece.map { Data($0.bytes).base64EncodedString() }
        targetSentencePiece = codec.targetSentencePiece.map { Data($0.bytes).base64EncodedString() }
    }

    /// The codec again; `name` (the prepared file) is what messages about a damaged record name.
    func codec(name: String) throws -> TextCodec {
        let settings = try JSONDecoder().decode(TextCodec.Settings.self, from: Data(self.settings.utf8))
        let sourceModel = try Self.sentencePiece(sourceSentencePiece, name: "\(name): source SentencePiece model")
        // One model serves both sides when it was one (a shared vocabulary).
        let targetModel = targetSentencePiece != nil && targetSentencePiece == sourceSentencePiece
            ? sourceModel : try Self.sentencePiece(targetSentencePiece, name: "\(name): target SentencePiece model")
        return try TextCodec(
            settings: settings,
            sourceMerges: try sourceMerges.map { try BPEMerges(fileContents: $0, name: "\(name): source merges") },
            targetMerges: try targetMerges.map { try BPEMerges(fileContents: $0, name: "\(name): target merges") },
            sourceSentencePiece: sourceModel, targetSentencePiece: targetModel,
            sourceVocabulary: try Vocabulary(fileContents: sourceVocabulary, name: "\(name): source vocabulary"),
            targetVocabulary: try Vocabulary(fileContents: targetVocabulary, name: "\(name): target vocabulary"))
    }

    private static func sentencePiece(_ base64: String?, name: String) throws -> SentencePieceModel? {
        guard let base64 else { return nil }
        guard let bytes = Data(base64Encoded: base64) else {
            throw TrainingError.unusableData("\(name) is not base64 text: the prepared data is damaged")
        }
        return try SentencePieceModel(bytes: [UInt8](bytes), name: name)
    }

    var digest: String {
        var hash = ContentHash()
        for part in [settings, sourceVocabulary, targetVocabulary, sourceMerges ?? "-", targetMerges ?? "-",
                     sourceSentencePiece ?? "-", targetSentencePiece ?? "-"] { hash.add(part) }
        return hash.hex
    }
}
