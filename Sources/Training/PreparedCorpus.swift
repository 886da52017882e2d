import Batching
import Files
import Foundation
import Text
import Translation

/// Training pairs prepared on disk (`PreparedCorpusFormat`), memory-mapped: a pair's lengths
/// and ids are read where they lie, so the process holds none of them. The trainer's batcher
/// reads lengths to plan batches and ids to fill them, and gives the pages back after each
/// window (`releaseReadPages`).
public final class PreparedCorpus: PairStore, @unchecked Sendable {
    public let path: String
    let metadata: PreparedCorpusFormat.Metadata
    private let file: MappedFile
    private let lengthsBase: UnsafePointer<UInt32>
    private let offsetsBase: UnsafePointer<UInt64>
    private let idsBase: UnsafeRawPointer

    /// Maps and checks the file: a file of another format version, a cut or damaged one is
    /// refused (the caller prepares it again).
    public init(path: String) throws {
        self.path = path
        file = try MappedFile(path: path)
        let bytes = file.bytes
        func damaged(_ reason: String) -> TrainingError { .unusableData("\(path): not usable prepared data (\(reason))") }
        let format = PreparedCorpusFormat.self
        guard bytes.count >= format.headerSize + format.footerSize, Array(bytes[0..<8]) == format.magic else {
            throw damaged("no prepared-data header")
        }
        let version = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version == format.version else { throw damaged("format version \(version), this nmt writes \(format.version)") }
        let footer = bytes.count - format.footerSize
        guard Array(bytes[(footer + 16)..<(footer + 24)]) == format.magic else { throw damaged("no footer: the file was cut short") }
        let metadataOffset = Int(bytes.loadUnaligned(fromByteOffset: footer, as: UInt64.self).littleEndian)
        let metadataLength = Int(bytes.loadUnaligned(fromByteOffset: footer + 8, as: UInt64.self).littleEndian)
        guard metadataOffset >= format.headerSize, metadataLength > 0, metadataOffset + metadataLength == footer else {
            throw damaged("the footer points outside the file")
        }
        let json = Data(bytes[metadataOffset..<footer])
        do { metadata = try JSONDecoder().decode(PreparedCorpusFormat.Metadata.self, from: json) } catch {
            throw damaged("its metadata cannot be read: \(error)")
        }
        let m = metadata
        guard m.idBytes == 2 || m.idBytes == 4, m.pairCount >= 0,
              format.headerSize + m.idCount * m.idBytes <= m.lengthsOffset, m.lengthsOffset % 8 == 0, m.offsetsOffset % 8 == 0,
              m.lengthsOffset + 4 * m.pairCount <= m.offsetsOffset, m.offsetsOffset + 8 * (m.pairCount + 1) <= metadataOffset else {
            throw damaged("its sections do not fit the file")
        }
        let base = bytes.baseAddress!
        lengthsBase = (base + m.lengthsOffset).assumingMemoryBound(to: UInt32.self)
        offsetsBase = (base + m.offsetsOffset).assumingMemoryBound(to: UInt64.self)
        idsBase = base + format.headerSize
        guard Int(offsetsBase[m.pairCount]) == m.idCount else { throw damaged("its offsets do not add up to its ids") }
    }

    public var count: Int { metadata.pairCount }

    /// The corpora in the order they were prepared: name, counts and positions.
    var corpora: [PreparedCorpusFormat.CorpusCounts] { metadata.corpora }

    public func lengths(_ i: Int) -> (source: Int, target: Int) {
        let packed = UInt32(littleEndian: lengthsBase[i])
        return (Int(packed & 0xFFFF), Int(packed >> 16))
    }

    public func pair(_ i: Int) -> EncodedPair {
        let (source, target) = lengths(i)
        let start = Int(UInt64(littleEndian: offsetsBase[i]))
        return EncodedPair(source: ids(from: start, count: source), target: ids(from: start + source, count: target))
    }

    private func ids(from start: Int, count: Int) -> [Int32] {
        if metadata.idBytes == 2 {
            let ids = (idsBase + 2 * start).assumingMemoryBound(to: UInt16.self)
            return (0..<count).map { Int32(UInt16(littleEndian: ids[$0])) }
        }
        let ids = (idsBase + 4 * start).assumingMemoryBound(to: UInt32.self)
        return (0..<count).map { Int32(bitPattern: UInt32(littleEndian: ids[$0])) }
    }

    public func releaseReadPages() { file.releaseResidentPages() }

    /// The codec the ids were made with.
    func codec() throws -> TextCodec { try metadata.codec.codec(name: path) }
}
