import Autodiff
import Batching
import Foundation
import Layers
import Text
import Translation

/// A 64-bit digest of everything the ranks of a group must start from alike: the configuration
/// (without its file paths, which may differ from machine to machine), the vocabularies, merges
/// and SentencePiece models, the prepared training data's key (its corpora's contents and codec)
/// and size, the weights, Adam's moments and step, and the training state. Ranks whose digests
/// differ would train different models on different batches; the
/// trainer refuses to start them (see `TrainingGroup.checkSameStart`).
///
/// Not a cryptographic hash: it catches a different file or seed, not an adversary. Each 32-bit
/// word w updates h ← (h ⊕ w) · p (FNV-1a's step, on words instead of bytes), which reads the
/// 150 MB of a Multi30k model's weights and moments in a fraction of a second.
package struct StartFingerprint: Equatable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    mutating func add(_ words: UnsafeBufferPointer<UInt32>) {
        var h = value
        for w in words { h = (h ^ UInt64(w)) &* Self.prime }
        value = h
    }

    mutating func add(_ floats: UnsafePointer<Float>, count: Int) {
        floats.withMemoryRebound(to: UInt32.self, capacity: count) { add(UnsafeBufferPointer(start: $0, count: count)) }
    }

    mutating func add(_ text: String) { add(bytes: Array(text.utf8)) }

    mutating func add(bytes: [UInt8]) {
        var bytes = bytes
        // The length first, so that "ab" + "c" and "a" + "bc" differ; then the bytes in words.
        add(UInt32(truncatingIfNeeded: bytes.count))
        while bytes.count % 4 != 0 { bytes.append(0) }
        bytes.withUnsafeBytes { add($0.bindMemory(to: UInt32.self)) }
    }

    mutating func add(_ word: UInt32) {
        withUnsafePointer(to: word) { add(UnsafeBufferPointer(start: $0, count: 1)) }
    }

    mutating func add(_ ids: [Int32]) {
        add(UInt32(ids.count))
        ids.withUnsafeBytes { add($0.bindMemory(to: UInt32.self)) }
    }

    /// "3f2a…", for messages.
    var hex: String { String(value, radix: 16) }
}

package extension StartFingerprint {
    /// The digest of a trainer about to start (or resume).
    init(configuration: TrainingConfiguration, codec: TextCodec, preparedKey: String, pairCount: Int, optimizer: Adam,
         state: TrainingState) throws {
        var portable = configuration
        for index in portable.data.train.corpora.indices { portable.data.train.corpora[index].path = "" }
        portable.data.preparedDirectory = nil
        portable.data.valid = ""
        portable.data.test = nil
        portable.output.directory = ""
        portable.segmentation.mergesFile = nil
        portable.segmentation.vocabularyFiles = nil
        portable.segmentation.modelFile = nil
        add(try portable.jsonString())
        add(codec.sourceVocabulary.fileContents)
        add(codec.targetVocabulary.fileContents)
        add(codec.sourceMerges?.fileContents ?? "")
        add(codec.targetMerges?.fileContents ?? "")
        add(bytes: codec.sourceSentencePiece?.bytes ?? [])
        add(bytes: codec.targetSentencePiece?.bytes ?? [])
        add(preparedKey)
        add(UInt32(truncatingIfNeeded: pairCount))
        for (index, parameter) in optimizer.parameters.enumerated() {
            add(parameter.name)
            add(parameter.tensor.data, count: parameter.tensor.count)
            add(optimizer.firstMoments[index].data, count: parameter.tensor.count)
            add(optimizer.secondMoments[index].data, count: parameter.tensor.count)
        }
        add(UInt32(truncatingIfNeeded: optimizer.step))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        add(String(decoding: try encoder.encode(state), as: UTF8.self))
    }
}
