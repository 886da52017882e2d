import Search

/// nmt-export.json: what an exported directory needs beyond CTranslate2's model to translate as
/// `nmt translate` does with the checkpoint (its text steps and search settings), and where it
/// came from. translate.py and the README read it.
struct ExportManifest: Encodable {
    /// The `translation:` settings stored with the model, under their YAML names.
    struct SearchDefaults: Encodable {
        var beam: Int
        var lengthPenalty: Float
        var maxLengthRatio: Float
        var maxInputLength: Int
        var overlongInput: String

        enum CodingKeys: String, CodingKey {
            case beam, lengthPenalty = "length_penalty", maxLengthRatio = "max_length_ratio"
            case maxInputLength = "max_input_length", overlongInput = "overlong_input"
        }
    }

    var format = "nmt-ctranslate2-export"
    var formatVersion = 1
    var nmtVersion = NMTVersion.current
    var checkpoint: String
    var checkpointSHA256: String
    var quantization: String
    var sourceLanguage: String
    var targetLanguage: String
    var lowercase: Bool
    var tokenized: Bool
    /// bpe, word or char.
    var segmentation: String
    /// The source merges' file in the directory (segmentation bpe).
    var bpeCodes: String?
    var search: SearchDefaults
    /// Rows of the position table: no input or output may be longer.
    var positions: Int
    /// The checkpoint's shortlist is not exported: CTranslate2 scores the whole vocabulary, as
    /// `nmt translate --shortlist off` does.
    var droppedShortlist: Bool

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", nmtVersion = "nmt_version", checkpoint
        case checkpointSHA256 = "checkpoint_sha256", quantization, sourceLanguage = "source_language"
        case targetLanguage = "target_language", lowercase, tokenized, segmentation, bpeCodes = "bpe_codes", search, positions
        case droppedShortlist = "dropped_shortlist"
    }

    init(checkpoint: String, checkpointSHA256: String, quantization: CTranslate2Export.Quantization, codec: TextCodec.Settings,
         bpeCodes: String?, search: SearchSettings, positions: Int, droppedShortlist: Bool) {
        self.checkpoint = checkpoint
        self.checkpointSHA256 = checkpointSHA256
        self.quantization = quantization.rawValue
        sourceLanguage = codec.sourceLanguage
        targetLanguage = codec.targetLanguage
        lowercase = codec.lowercase
        tokenized = codec.tokenized
        segmentation = codec.segmentation.rawValue
        self.bpeCodes = bpeCodes
        self.search = SearchDefaults(beam: search.beam, lengthPenalty: search.lengthPenalty, maxLengthRatio: search.maxLengthRatio,
                                     maxInputLength: search.maxInputLength, overlongInput: search.overlongInput.rawValue)
        self.positions = positions
        self.droppedShortlist = droppedShortlist
    }
}
