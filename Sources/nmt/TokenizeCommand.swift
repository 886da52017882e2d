import ArgumentParser
import Files
import Text

/// `nmt tokenize --language LANG [--lowercase] [--detokenize] < text`
struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Tokenize (or detokenize) stdin to stdout, one sentence per line.",
        discussion: """
            Tokenizing normalizes to Unicode NFC and normalizes punctuation as Moses' \
            normalize-punctuation.perl does, then splits as Moses' tokenizer.perl does \
            (without its XML escaping).
            """
    )

    @Option(help: "BCP 47 language tag (en, cs, pt-BR, …); en, de, fr and cs have rules of their own, any other language gets the language-independent ones.")
    var language: String

    @Flag(help: "Lowercase before tokenizing.")
    var lowercase = false

    @Flag(help: "Join space-separated tokens back into text instead.")
    var detokenize = false

    func run() throws {
        let language: Language
        do {
            language = try Language(code: self.language)
        } catch {
            throw UsageFailure(message: "tokenize: \(error)")
        }
        if detokenize && lowercase {
            throw UsageFailure(message: "tokenize: --lowercase applies to tokenizing, not to --detokenize")
        }
        let input = LineReader.standardInput()
        let output = LineWriter.standardOutput()
        if detokenize {
            let detokenizer = Detokenizer(language: language)
            while let line = try input.next() {
                try output.write(detokenizer.detokenize(line))
            }
        } else {
            let pipeline = TextPipeline(language: language, lowercase: lowercase)
            while let line = try input.next() {
                try output.write(joining: pipeline.tokens(of: line))
            }
        }
        try output.flush()
    }
}
