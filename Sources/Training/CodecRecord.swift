import Foundation
import Text
import Translation

/// A codec as prepared data stores it, so that a later run reuses the vocabularies and merges
/// the data's ids were made with: the settings as a checkpoint stores them (their JSON), the
/// vocabulary files and the merges files. Its digest tells whether a checkpoint's codec (on
/// `--resume` or `--finetune`) is the one the data was prepared with.
struct CodecRecord: Codable, Equatable {
    var settings: String
    var sourceVocabulary: String
    var targetVocabulary: String
    var sourceMerges: String?
    var targetMerges: String?

    init(_ codec: TextCodec) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        settings = String(decoding: try encoder.encode(codec.settings), as: UTF8.self)
        sourceVocabulary = codec.sourceVocabulary.fileContents
        targetVocabulary = codec.targetVocabulary.fileContents
        sourceMerges = codec.sourceMerges?.fileContents
        targetMerges = codec.targetMerges?.fileContents
    }

    /// The codec again; `name` (the prepared file) is what messages about a damaged record name.
    func codec(name: String) throws -> TextCodec {
        let settings = try JSONDecoder().decode(TextCodec.Settings.self, from: Data(self.settings.utf8))
        return try TextCodec(
            settings: settings,
            sourceMerges: try sourceMerges.map { try BPEMerges(fileContents: $0, name: "\(name): source merges") },
            targetMerges: try targetMerges.map { try BPEMerges(fileContents: $0, name: "\(name): target merges") },
            sourceVocabulary: try Vocabulary(fileContents: sourceVocabulary, name: "\(name): source vocabulary"),
            targetVocabulary: try Vocabulary(fileContents: targetVocabulary, name: "\(name): target vocabulary"))
    }

    var digest: String {
        var hash = ContentHash()
        for part in [settings, sourceVocabulary, targetVocabulary, sourceMerges ?? "-", targetMerges ?? "-"] { hash.add(part) }
        return hash.hex
    }
}
