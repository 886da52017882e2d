import CSentencePiece
import Files

/// A SentencePiece model (Kudo & Richardson, 2018) through the SentencePiece library: a line of
/// text, spaces and all, becomes pieces (`▁Ein ▁Mann ▁läuft .`, `▁` standing for a space), and
/// pieces become the line again, so no tokenizer or detokenizer is needed and text written
/// without spaces (Japanese, Chinese, Thai) is segmented like any other.
///
/// The model is kept as `bytes`, the contents of a `.model` file, which is what a checkpoint
/// stores; two models are equal when their bytes are. One model serves several threads at once:
/// encoding and decoding only read it.
public final class SentencePieceModel: @unchecked Sendable, Equatable {
    /// The serialized model: the bytes of a `.model` file.
    public let bytes: [UInt8]
    /// The pieces encoding can produce, in the model's id order: its learned and user-defined
    /// pieces and byte pieces (`<0xE3>`), without `<unk>` and the control pieces (`<s>`, `</s>`).
    public let pieces: [String]
    private let handle: OpaquePointer

    /// Loads a model from the bytes of a `.model` file; `name` (a path, or the checkpoint key it
    /// came from) is what a refusal names.
    public init(bytes: [UInt8], name: String) throws {
        var error = nmt_sp_text()
        let loaded = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { nmt_sp_load($0.baseAddress, $0.count, &error) }
        }
        guard let loaded else {
            throw TextError.invalidSentencePieceModel(path: name, reason: Self.take(&error))
        }
        handle = loaded
        self.bytes = bytes
        var pieces: [String] = []
        for id in 0..<nmt_sp_piece_count(loaded) {
            let kind = nmt_sp_piece_kind_of(loaded, id)
            guard kind == NMT_SP_PIECE_NORMAL || kind == NMT_SP_PIECE_BYTE else { continue }
            var length = 0
            let start = nmt_sp_piece(loaded, id, &length)
            pieces.append(Self.string(start, length))
        }
        self.pieces = pieces
    }

    /// Reads a `.model` file (spm_train's, Python's `sentencepiece`, or `nmt sentencepiece train`'s).
    public convenience init(contentsOf path: String) throws {
        let bytes: [UInt8]
        do {
            let file = try POSIXFile.openForReading(path)
            defer { try? file.close() }
            let size = try file.size()
            var buffer = [UInt8](repeating: 0, count: size)
            let read = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
            bytes = Array(buffer.prefix(read))
        } catch let failure as POSIXFile.Failure {
            throw FileError(failure, operation: "read", path: path)
        }
        try self.init(bytes: bytes, name: path)
    }

    deinit { nmt_sp_free_model(handle) }

    /// Writes the model's bytes to `path`, replacing it whole or not at all.
    public func write(to path: String) throws {
        do {
            try FileReplacement.replace(path) { file in
                try bytes.withUnsafeBytes { try file.write($0) }
            }
        } catch let failure as POSIXFile.Failure {
            throw FileError(failure, operation: "write", path: path)
        }
    }

    /// The pieces of one line. Returns no pieces for a line the library refuses, which it does
    /// only for input that is not UTF-8 (a Swift `String` always is).
    public func encode(_ line: String) -> [String] {
        var line = line
        var found = nmt_sp_pieces()
        var error = nmt_sp_text()
        let status = line.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { nmt_sp_encode(handle, $0.baseAddress, $0.count, &found, &error) }
        }
        guard status == 0 else {
            nmt_sp_free_text(&error)
            return []
        }
        defer { nmt_sp_free_pieces(&found) }
        var pieces: [String] = []
        pieces.reserveCapacity(found.count)
        var start = 0
        for index in 0..<found.count {
            let end = found.ends[index]
            pieces.append(Self.string(found.bytes + start, end - start))
            start = end
        }
        return pieces
    }

    /// The line that `pieces` spell: `▁` back to spaces, the leading one dropped. A piece the
    /// model does not know reads as `<unk>`, which decodes as " ⁇ ".
    public func decode(_ pieces: [String]) -> String {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        ends.reserveCapacity(pieces.count)
        for piece in pieces {
            bytes.append(contentsOf: piece.utf8)
            ends.append(bytes.count)
        }
        var text = nmt_sp_text()
        var error = nmt_sp_text()
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                ends.withUnsafeBufferPointer { nmt_sp_decode(handle, characters.baseAddress, $0.baseAddress, $0.count, &text, &error) }
            }
        }
        guard status == 0 else {
            nmt_sp_free_text(&error)
            return ""
        }
        return Self.take(&text)
    }

    public static func == (lhs: SentencePieceModel, rhs: SentencePieceModel) -> Bool { lhs.bytes == rhs.bytes }

    /// The text the shim allocated, freed.
    static func take(_ text: inout nmt_sp_text) -> String {
        defer { nmt_sp_free_text(&text) }
        return string(text.bytes, text.length)
    }

    /// The bytes the shim allocated, freed.
    static func takeBytes(_ text: inout nmt_sp_text) -> [UInt8] {
        defer { nmt_sp_free_text(&text) }
        guard let start = text.bytes else { return [] }
        return start.withMemoryRebound(to: UInt8.self, capacity: text.length) { Array(UnsafeBufferPointer(start: $0, count: text.length)) }
    }

    private static func string(_ start: UnsafePointer<CChar>?, _ length: Int) -> String {
        guard let start, length > 0 else { return "" }
        return start.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
