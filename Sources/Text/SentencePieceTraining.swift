import CSentencePiece
import Foundation

/// How a SentencePiece model is trained: spm_train's options that `nmt` exposes, with spm_train's
/// defaults. Everything else is fixed so that the model depends only on the lines and these
/// options, never on the machine (see `libraryOptions`).
public struct SentencePieceTraining: Equatable, Sendable {
    public enum ModelType: String, CaseIterable, Codable, Sendable {
        /// A unigram language model over pieces, pruned to the vocabulary size (Kudo, 2018).
        case unigram
        /// Byte-pair merges over the raw text, spaces included.
        case bpe
    }

    public var modelType = ModelType.unigram
    /// Pieces in the model, its `<unk>`, `<s>` and `</s>` included (spm_train's `vocab_size`).
    public var vocabularySize = 8000
    /// The share of the text's characters the model must cover; rarer characters become
    /// `<unk>`. 1.0 keeps every character; 0.9995 (the default) suits alphabetic scripts, 0.9995
    /// to 1.0 scripts with thousands of characters.
    public var characterCoverage = 0.9995

    public init(modelType: ModelType = .unigram, vocabularySize: Int = 8000, characterCoverage: Double = 0.9995) {
        self.modelType = modelType
        self.vocabularySize = vocabularySize
        self.characterCoverage = characterCoverage
    }

    /// The trainer's threads. Unigram training sums its statistics per thread, so the model
    /// depends on the count: a constant (not the machine's cores) keeps it the same everywhere.
    public static let threads = 8

    /// The options handed to the library, as spm_train's flags without the dashes.
    /// `normalization_rule_name: identity`: the text arrives normalized already (`Normalizer`),
    /// so that the pieces decode to exactly the text they came from. `minloglevel: 1`: no
    /// progress lines on standard error. `input_sentence_size: 0`: every line, no sampling.
    public var libraryOptions: [(name: String, value: String)] {
        [
            ("model_type", modelType.rawValue),
            ("vocab_size", String(vocabularySize)),
            ("character_coverage", String(characterCoverage)),
            ("normalization_rule_name", "identity"),
            ("num_threads", String(Self.threads)),
            ("input_sentence_size", "0"),
            ("minloglevel", "1"),
        ]
    }

    /// Trains a model on `lines`. Throws `TextError.sentencePieceTraining` with the library's
    /// reason (a vocabulary size the text cannot fill, no lines, …).
    public func train(_ lines: [String]) throws -> SentencePieceModel {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        ends.reserveCapacity(lines.count)
        for line in lines {
            bytes.append(contentsOf: line.utf8)
            ends.append(bytes.count)
        }
        let options = libraryOptions
        var model = nmt_sp_text()
        var error = nmt_sp_text()
        let status = withCStrings(options.map(\.name)) { names in
            withCStrings(options.map(\.value)) { values in
                bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { text in
                        ends.withUnsafeBufferPointer { ends in
                            nmt_sp_train(names, values, options.count, text.baseAddress, ends.baseAddress, ends.count, &model, &error)
                        }
                    }
                }
            }
        }
        guard status == 0 else {
            throw TextError.sentencePieceTraining(reason: SentencePieceModel.take(&error))
        }
        return try SentencePieceModel(bytes: SentencePieceModel.takeBytes(&model), name: "the trained SentencePiece model")
    }
}

/// `body` with `strings` as an array of C strings, valid only inside it.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
