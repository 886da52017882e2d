import Files

/// An ordered list of BPE merge operations, in subword-nmt's codes-file format: an optional
/// `#version: 0.2` header, then one merge per line, the two symbols separated by one space, with
/// `</w>` marking a symbol that ends a word (`e s</w>`). Files written here load in subword-nmt
/// and the other way round.
public struct BPEMerges: Equatable, Sendable {
    /// One merge: the adjacent symbols `left` `right` become the symbol `left + right`.
    public struct Merge: Hashable, Sendable {
        public var left: String
        public var right: String

        public init(_ left: String, _ right: String) {
            self.left = left
            self.right = right
        }
    }

    /// How a word's end is marked. Version 0.2 (what `learn` writes) appends `</w>` to the last
    /// character; 0.1 (files without a header) makes `</w>` a symbol of its own.
    public enum Version: String, Sendable {
        case v0_1 = "0.1"
        case v0_2 = "0.2"
    }

    public static let endOfWord = "</w>"

    public var merges: [Merge]
    public var version: Version

    public init(_ merges: [Merge], version: Version = .v0_2) {
        self.merges = merges
        self.version = version
    }

    /// Reads a codes file; `TextError` names the file and line of anything malformed, `LineError`
    /// a file that cannot be read.
    public init(contentsOf path: String) throws {
        let lines = try LineReader.lines(ofFile: path)
        try self.init(lines: lines, name: path)
    }

    /// Parses the text of a codes file (for merges stored inside a checkpoint).
    public init(fileContents: String, name: String = "<merges>") throws {
        var lines = fileContents.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        try self.init(lines: lines, name: name)
    }

    private init(lines: [String], name: String) throws {
        var body = lines[...]
        version = .v0_1
        if let first = body.first, first.hasPrefix("#version:") {
            var number = first.split(separator: " ").last.map(String.init) ?? ""
            // As subword-nmt does, drop trailing ".0" groups, so "0.2.0" reads as "0.2".
            while let dot = number.lastIndex(of: "."), number.index(after: dot) < number.endIndex,
                  number[number.index(after: dot)...].allSatisfy({ $0 == "0" }) {
                number = String(number[..<dot])
            }
            guard let parsed = Version(rawValue: number) else {
                throw TextError.invalidMerges(path: name, line: 1, reason: "unsupported version '\(number)'")
            }
            version = parsed
            body = body.dropFirst()
        }
        merges = []
        merges.reserveCapacity(body.count)
        for (offset, line) in body.enumerated() {
            // subword-nmt strips spaces, CR and LF from both ends, then splits on single spaces.
            var bytes = Array(line.utf8)[...]
            while let byte = bytes.first, byte == 0x20 || byte == 0x0D { bytes = bytes.dropFirst() }
            while let byte = bytes.last, byte == 0x20 || byte == 0x0D { bytes = bytes.dropLast() }
            let parts = bytes.split(separator: 0x20, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                let number = offset + 1 + (lines.count - body.count)
                throw TextError.invalidMerges(path: name, line: number, reason: "expected two symbols separated by one space, found '\(line)'")
            }
            merges.append(Merge(parts[0], parts[1]))
        }
    }

    /// The codes file: header line, then one merge per line, each line ending in a newline.
    public var fileContents: String {
        var text = "#version: \(version.rawValue)\n"
        for merge in merges {
            text += merge.left
            text += " "
            text += merge.right
            text += "\n"
        }
        return text
    }

    /// Writes `fileContents` to `path`, replacing it whole or not at all (`LineWriter.replace`).
    public func write(to path: String) throws {
        try LineWriter.replace(path) { writer in
            try writer.write("#version: \(version.rawValue)")
            for merge in merges { try writer.write(joining: [merge.left, merge.right]) }
        }
    }
}
