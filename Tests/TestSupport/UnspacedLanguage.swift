/// A toy pair written without spaces, for the segmentations that must cope with such scripts
/// (SentencePiece, characters): the small toy language with each English word spelled in Chinese
/// characters and each German word in Thai, the words of a sentence run together. The source
/// ends in `。`; Thai, which marks no sentence end, ends with the last word.
package enum UnspacedLanguage {
    /// English toy word → its spelling on the source side.
    static let source: [String: String] = [
        "red": "红", "cat": "猫", "dog": "狗", "sees": "看见", "big": "大", "the": "这",
        "small": "小", "house": "房子", "runs": "跑", "and": "和", "a": "一个", "tree": "树", ".": "。",
    ]
    /// German toy word → its spelling on the target side.
    static let target: [String: String] = [
        "rot": "แดง", "katze": "แมว", "hund": "หมา", "sieht": "เห็น", "gross": "ใหญ่", "die": "นั้น",
        "klein": "เล็ก", "haus": "บ้าน", "läuft": "วิ่ง", "und": "และ", "eine": "หนึ่ง", "baum": "ต้นไม้", ".": "",
    ]

    /// `count` pairs of the small toy language, respelled.
    package static func pairs(_ count: Int, using indices: inout some SeededIndices) -> [SentencePair] {
        ToyLanguage.small.pairs(count, using: &indices).map { pair in
            SentencePair(source: respell(pair.source, source), target: respell(pair.target, target))
        }
    }

    private static func respell(_ sentence: String, _ spelling: [String: String]) -> String {
        sentence.split(separator: " ").map { spelling[String($0)]! }.joined()
    }
}
