import Foundation
import Files

/// Writes a prepared-data file (see `PreparedCorpusFormat`) front to back into the file it is
/// given, the one `FileReplacement` replaces the old file with once it is complete. Holds the
/// lengths (4 bytes a pair) until the end, when they and the offsets are written after the ids.
final class PreparedCorpusWriter {
    private let file: POSIXFile
    let idBytes: Int
    private var buffer: [UInt8] = []
    private var written = 0
    private(set) var lengths: [UInt32] = []
    private var idCount = 0
    private static let flushSize = 1 << 22

    init(file: POSIXFile, idBytes: Int) throws {
        precondition(idBytes == 2 || idBytes == 4)
        self.file = file
        self.idBytes = idBytes
        buffer.reserveCapacity(Self.flushSize + 4096)
        buffer += PreparedCorpusFormat.magic
        append(UInt32(PreparedCorpusFormat.version))
        append(UInt32(idBytes))
    }

    var pairCount: Int { lengths.count }

    /// Adds a pair; both sides must have at most `PreparedCorpusFormat.maximumUnits` ids.
    func append(source: [Int32], target: [Int32]) throws {
        precondition(source.count <= PreparedCorpusFormat.maximumUnits && target.count <= PreparedCorpusFormat.maximumUnits)
        lengths.append(UInt32(source.count) | UInt32(target.count) << 16)
        for ids in [source, target] {
            for id in ids {
                if idBytes == 2 {
                    let value = UInt16(truncatingIfNeeded: id)
                    buffer.append(UInt8(truncatingIfNeeded: value))
                    buffer.append(UInt8(truncatingIfNeeded: value >> 8))
                } else {
                    append(UInt32(bitPattern: id))
                }
            }
            idCount += ids.count
        }
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Writes lengths, offsets, `metadata` (its layout fields filled in here) and the footer.
    func finish(_ metadata: PreparedCorpusFormat.Metadata) throws -> PreparedCorpusFormat.Metadata {
        var metadata = metadata
        pad()
        metadata.lengthsOffset = written + buffer.count
        for length in lengths {
            append(length)
            if buffer.count >= Self.flushSize { try flush() }
        }
        pad()
        metadata.offsetsOffset = written + buffer.count
        var offset: UInt64 = 0
        for length in lengths {
            append(offset)
            offset += UInt64(length & 0xFFFF) + UInt64(length >> 16)
            if buffer.count >= Self.flushSize { try flush() }
        }
        append(offset)
        metadata.idBytes = idBytes
        metadata.pairCount = lengths.count
        metadata.idCount = idCount
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = [UInt8](try encoder.encode(metadata))
        let metadataOffset = written + buffer.count
        buffer += json
        append(UInt64(metadataOffset))
        append(UInt64(json.count))
        buffer += PreparedCorpusFormat.magic
        append(UInt64(0))
        try flush()
        return metadata
    }

    private func pad() {
        while (written + buffer.count) % 8 != 0 { buffer.append(0) }
    }

    private func append<Word: FixedWidthInteger>(_ word: Word) {
        withUnsafeBytes(of: word.littleEndian) { buffer += $0 }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try file.write($0) }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
