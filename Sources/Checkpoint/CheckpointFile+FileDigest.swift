import Foundation

extension CheckpointFile {
    /// The SHA-256 of the whole file at `path`, in lowercase hex as `sha256sum` prints it: names
    /// exactly which checkpoint a server runs (the embedded `content_sha256` survives re-saving
    /// with another tensor order, so it identifies contents, not files).
    public static func fileSHA256(_ path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hexadecimal(hasher.finalize())
    }
}
