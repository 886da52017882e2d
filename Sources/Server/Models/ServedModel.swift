import Translation

/// One checkpoint the server translates with, and the file it was loaded from (named in
/// GET /info). Only what inference needs is held: the weights, the codec and the settings.
public struct ServedModel {
    public let checkpoint: ModelCheckpoint
    public let path: String
    /// Of the whole file, as `sha256sum` prints it.
    public let sha256: String

    public init(checkpoint: ModelCheckpoint, path: String, sha256: String) {
        self.checkpoint = checkpoint
        self.path = path
        self.sha256 = sha256
    }

    /// The checkpoint's language codes, as its codec names them.
    public var pair: LanguagePair {
        LanguagePair(source: checkpoint.codec.settings.sourceLanguage, target: checkpoint.codec.settings.targetLanguage)
    }
}

/// A translation direction: source and target language codes, compared without regard to case
/// (`EN` is `en`).
public struct LanguagePair: Hashable, Sendable, CustomStringConvertible {
    public let source: String
    public let target: String

    public init(source: String, target: String) {
        self.source = source.lowercased()
        self.target = target.lowercased()
    }

    public var description: String { "\(source)→\(target)" }
}
