import Files
import TestSupport
@testable import Text
import XCTest

/// nmt's SentencePiece against Python's `sentencepiece`, on Multi30k raw text: for a model
/// trained here and for one trained by Python, the pieces nmt gives each of the 1,000 lines of
/// test_2016_flickr equal Python's, and decoding them gives the line back. Skipped when Multi30k
/// (with its Czech files) or Python's sentencepiece is missing. The models train on the first
/// 10,000 training lines, 4,000 pieces, to keep the test short;
/// scripts/checks/sentencepiece-agreement.sh does the same on the whole training split.
final class SentencePieceAgreementTests: XCTestCase {
    func testGermanAgreesWithPython() throws { try checkAgreement(language: "de") }

    func testCzechAgreesWithPython() throws { try checkAgreement(language: "cs") }

    private func checkAgreement(language: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let corpus = try multi30kDirectory() + "/raw"
        guard FileManager.default.fileExists(atPath: "\(corpus)/test_2016_flickr.\(language)") else {
            throw XCTSkip("Multi30k has no \(language) files in \(corpus)")
        }
        try requirePythonModule("sentencepiece", install: "pip install sentencepiece")
        let directory = try TemporaryDirectory()
        let training = Array(try LineReader.lines(ofFile: "\(corpus)/train.\(language)").prefix(10_000))
        let trainingPath = try directory.file("train.txt", training.joined(separator: "\n") + "\n")
        let lines = try LineReader.lines(ofFile: "\(corpus)/test_2016_flickr.\(language)")
        XCTAssertEqual(lines.count, 1000)
        let linesPath = try directory.file("test.txt", lines.joined(separator: "\n") + "\n")

        let ours = try SentencePieceTraining(vocabularySize: 4000).train(training)
        try ours.write(to: directory.path("nmt.model"))
        let trained = try python(["-c", """
            import sys, sentencepiece as spm
            spm.SentencePieceTrainer.train(input=sys.argv[1], model_prefix=sys.argv[2], vocab_size=4000, minloglevel=1)
            """, trainingPath, directory.path("python")])
        guard trained.status == 0 else { throw PythonFailure(message: "Python's trainer failed: \(trained.error)") }
        let theirs = try SentencePieceModel(contentsOf: directory.path("python.model"))

        for (origin, model) in [("nmt", ours), ("python", theirs)] {
            let modelPath = directory.path("\(origin).model")
            // Python's pieces of each line, separated by spaces (pieces hold none), and its
            // decoding of them.
            let run = try python(["-c", """
                import sys, sentencepiece as spm
                model = spm.SentencePieceProcessor(model_file=sys.argv[1])
                for line in open(sys.argv[2], encoding="utf-8").read().split("\\n")[:-1]:
                    pieces = model.encode(line, out_type=str)
                    print(" ".join(pieces))
                    print(model.decode(pieces))
                """, modelPath, linesPath])
            guard run.status == 0 else { throw PythonFailure(message: "Python's encoder failed: \(run.error)") }
            let output = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(output.count, 2 * lines.count + 1, file: file, line: line)
            var equalPieces = 0, decodedBack = 0, decodedAsPython = 0
            for (index, text) in lines.enumerated() where 2 * index + 1 < output.count {
                let pieces = model.encode(text)
                if pieces.joined(separator: " ") == output[2 * index] { equalPieces += 1 }
                let decoded = model.decode(pieces)
                if decoded == text { decodedBack += 1 }
                if decoded == output[2 * index + 1] { decodedAsPython += 1 }
            }
            XCTAssertEqual(equalPieces, 1000, "\(language), model trained by \(origin): lines whose pieces equal Python's", file: file, line: line)
            XCTAssertEqual(decodedAsPython, 1000, "\(language), model trained by \(origin): decodings equal to Python's", file: file, line: line)
            XCTAssertEqual(decodedBack, 1000, "\(language), model trained by \(origin): lines decoded back exactly", file: file, line: line)
        }
    }
}
