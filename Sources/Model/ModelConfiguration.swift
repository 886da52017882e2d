import Layers
import YAMLConfiguration

/// Sizes and choices of the encoder–decoder: the vocabulary sizes found in the data and the
/// configuration's `model:` settings, whose defaults and checks are those of
/// `ModelSettings`'s table. A setting reads as a member of its own:
/// `config.embeddingSize` is `config.settings.embeddingSize`.
@dynamicMemberLookup
public struct ModelConfiguration: Equatable, Sendable {
    public var sourceVocabularySize: Int
    public var targetVocabularySize: Int
    public var settings: ModelSettings

    public init(sourceVocabularySize: Int, targetVocabularySize: Int,
                settings: ModelSettings = .init()) {
        self.sourceVocabularySize = sourceVocabularySize
        self.targetVocabularySize = targetVocabularySize
        self.settings = settings
    }

    public subscript<Value>(dynamicMember setting: WritableKeyPath<ModelSettings, Value>) -> Value {
        get { settings[keyPath: setting] }
        set { settings[keyPath: setting] = newValue }
    }

    public subscript<Value>(dynamicMember setting: KeyPath<ModelSettings, Value>) -> Value {
        settings[keyPath: setting]
    }
}

/// A checkpoint's `model` metadata: one flat object under the Swift names,
/// `{"attention":"additive","attentionSize":512,…,"sourceVocabularySize":9,…}`.
extension ModelConfiguration: Codable {
    private static let vocabularyKeys = (source: CodingName("sourceVocabularySize"), target: CodingName("targetVocabularySize"))

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingName.self)
        try container.encode(sourceVocabularySize, forKey: Self.vocabularyKeys.source)
        try container.encode(targetVocabularySize, forKey: Self.vocabularyKeys.target)
        try settings.encode(to: &container, naming: \.propertyName)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingName.self)
        self.init(sourceVocabularySize: try container.decode(Int.self, forKey: Self.vocabularyKeys.source),
                  targetVocabularySize: try container.decode(Int.self, forKey: Self.vocabularyKeys.target),
                  settings: try ModelSettings(decoding: container, naming: \.propertyName))
        // Checkpoints written before `tie_embeddings` said `tieTargetEmbeddings: true`.
        let tieEmbeddings = CodingName("tieEmbeddings"), tieTargetEmbeddings = CodingName("tieTargetEmbeddings")
        if !container.contains(tieEmbeddings), try container.decodeIfPresent(Bool.self, forKey: tieTargetEmbeddings) == true {
            settings.tieEmbeddings = .target
        }
    }
}
