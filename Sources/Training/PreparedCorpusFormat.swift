/// The layout of a prepared-data file (`train.nmtdata`), written by `PreparedCorpusWriter` and
/// memory-mapped by `PreparedCorpus`. Little-endian throughout:
///
///     [0, 16)        header: "NMTPREP\0", format version (UInt32), bytes per id (UInt32: 2 or 4)
///     [16, …)        ids: each kept pair's source ids then its target ids, no </s>
///     lengths        per pair a UInt32: source units in the low 16 bits, target units in the high 16
///     offsets        per pair + 1 a UInt64: where the pair's ids start, in ids (the last: the total)
///     metadata       JSON (`Metadata`): the keys the data was made from, the corpora, the codec
///     [size − 32, size)  footer: metadata offset (UInt64), metadata length (UInt64), "NMTPREP\0", 8 zero bytes
///
/// Lengths and offsets start at multiples of 8. A side of more than 65,535 units cannot be
/// stored; such pairs are dropped as over-long when preparing.
enum PreparedCorpusFormat {
    static let magic: [UInt8] = Array("NMTPREP".utf8) + [0]
    /// Raised whenever the layout or the meaning of a field changes: a file of another version
    /// is prepared again.
    static let version: UInt32 = 2
    static let headerSize = 16
    static let footerSize = 32
    static let maximumUnits = Int(UInt16.max)

    /// What the file was made from and what it holds.
    struct Metadata: Codable, Equatable {
        var version: UInt32
        /// Digest of the corpora's contents (in order, with their formats) and the filters.
        var corpusKey: String
        /// Digest of the text settings a learned codec came from (data and segmentation
        /// sections less paths, weights and training-only keys).
        var recipeKey: String
        /// `CodecRecord.digest` of `codec`.
        var codecKey: String
        var idBytes: Int
        var pairCount: Int
        var idCount: Int
        var lengthsOffset: Int
        var offsetsOffset: Int
        var corpora: [CorpusCounts]
        var codec: CodecRecord
    }

    /// What preparing one corpus gave: pairs read, kept (positions `first ..< first + kept` of
    /// the file) and dropped by each filter.
    struct CorpusCounts: Codable, Equatable {
        var name: String
        var first: Int
        var read: Int
        var kept: Int
        /// Filter name → pairs it dropped (a pair is counted under the first filter that drops it).
        var dropped: [String: Int]
    }
}
