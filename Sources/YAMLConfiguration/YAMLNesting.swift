/// How deeply a YAML text nests, estimated from the text alone, so that a file nested thousands of
/// levels deep is refused before Yams parses it (its parser recurses once per level and
/// overflows the stack near 5,000). The estimate never falls below the true depth; it may exceed
/// it for brackets inside quoted or block scalars spread over lines, which configurations do not
/// have.
///
/// Per line: the block depth is the number of enclosing indentation levels, plus one for each
/// `- ` or `? ` that opens a compact nested entry (`- - - x`); the flow depth counts `[` and `{`
/// not yet closed, outside quotes and comments, carried across lines.
package enum YAMLNesting {
    /// Configurations nest 2 levels (section, key); 64 leaves room for any hand-written YAML.
    static let maximumDepth = 64

    /// The first line whose depth exceeds `limit`, with that depth; nil if none does.
    static func firstLine(deeperThan limit: Int, in text: String) -> (line: Int, depth: Int)? {
        var indents: [Int] = []
        var flowDepth = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line.utf8)
            var position = 0
            while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
            if position == bytes.count || bytes[position] == UInt8(ascii: "#") { continue }
            var blockDepth = 0
            if flowDepth == 0 {
                while let last = indents.last, last >= position { indents.removeLast() }
                indents.append(position)
                blockDepth = indents.count
                // Compact entries: each `- ` or `? ` at the start opens one more level.
                while position + 1 < bytes.count,
                      bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "?"),
                      bytes[position + 1] == UInt8(ascii: " ") {
                    blockDepth += 1
                    position += 2
                    while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
                }
            }
            var deepest = flowDepth
            var quote: UInt8?
            var escaped = false
            var previous = UInt8(ascii: " ")
            for byte in bytes[position...] {
                defer { previous = byte }
                if let open = quote {
                    if escaped {
                        escaped = false
                    } else if open == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == open {
                        quote = nil
                    }
                    continue
                }
                let startsToken = " [{,:".utf8.contains(previous)
                if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && startsToken {
                    quote = byte
                } else if byte == UInt8(ascii: "#") && previous == UInt8(ascii: " ") {
                    break  // a comment runs to the end of the line
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    flowDepth += 1
                    deepest = max(deepest, flowDepth)
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    flowDepth = max(0, flowDepth - 1)
                }
            }
            let depth = blockDepth + deepest
            if depth > limit { return (index + 1, depth) }
        }
        return nil
    }
}
