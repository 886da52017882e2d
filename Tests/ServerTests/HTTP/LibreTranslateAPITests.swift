import Foundation
import XCTest

/// LibreTranslate's API on a running `nmt serve`: form fields as `curl -d` sends them, JSON with
/// a text or a list, alternatives from the n-best list, HTML, GET /languages, and a real client
/// (`libretranslatepy` from PyPI) used unchanged. Every translation is `nmt translate`'s.
final class LibreTranslateAPITests: RunningServerTestCase {
    private func form(_ client: LoopbackHTTP, _ body: String) throws -> LoopbackHTTP.Response {
        try client.request("POST", "/translate", body: Array(body.utf8), headers: ["Content-Type": "application/x-www-form-urlencoded"])
    }

    func testFormFieldsAsCurlSendsThem() throws {
        let (model, server) = try running()
        let expected = try model.translateWithCommandLine(["the cat runs ."])[0]
        let response = try form(server.client, "q=the+cat+runs+.&source=en&target=de")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
        XCTAssertEqual(response.object as NSDictionary, ["translatedText": expected] as NSDictionary)

        // curl itself, as LibreTranslate's documentation shows it.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
            throw XCTSkip("curl is not installed; the same request was checked above without it")
        }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "http://127.0.0.1:\(server.port)/translate", "-d", "q=the cat runs .", "-d", "source=en", "-d", "target=de"]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        XCTAssertEqual(try JSONSerialization.jsonObject(with: data) as? NSDictionary, ["translatedText": expected] as NSDictionary)
    }

    func testJSONWithATextOrAList() throws {
        let (model, server) = try running()
        let sentences = Array(model.sentences.prefix(5))
        let expected = try model.translateWithCommandLine(sentences)
        let one = try server.client.translate(["q": sentences[0], "source": "en", "target": "de"])
        XCTAssertEqual(one.object["translatedText"] as? String, expected[0], one.text)
        XCTAssertNil(one.object["alternatives"], "only when asked for")
        let list = try server.client.translate(["q": sentences + [""], "source": "en", "target": "de"])
        XCTAssertEqual(list.object["translatedText"] as? [String], expected + [""], list.text)
        let auto = try server.client.translate(["q": sentences[0], "source": "auto", "target": "de"])
        XCTAssertEqual(auto.object["translatedText"] as? String, expected[0], "one source language: auto is it")
    }

    /// Alternatives are the next hypotheses of the n-best list (`nmt translate --n-best`), without
    /// repeats of the translation.
    func testAlternativesComeFromTheNBestList() throws {
        let (model, server) = try running()
        let sentence = model.sentences[1]
        let lines = try model.translateWithCommandLine([sentence], ["--beam", "5", "--n-best", "3"])
        let hypotheses = lines.map { $0.components(separatedBy: " ||| ")[1] }
        var expected: [String] = []
        for hypothesis in hypotheses.dropFirst() where hypothesis != hypotheses[0] && !expected.contains(hypothesis) {
            expected.append(hypothesis)
        }
        let response = try server.client.translate(["q": sentence, "source": "en", "target": "de", "alternatives": 2])
        XCTAssertEqual(response.object["translatedText"] as? String, hypotheses[0], response.text)
        XCTAssertEqual(response.object["alternatives"] as? [String], expected)
        let list = try server.client.translate(["q": [sentence], "source": "en", "target": "de", "alternatives": 2])
        XCTAssertEqual(list.object["alternatives"] as? [[String]], [expected])
    }

    func testHTMLKeepsItsTags() throws {
        let (model, server) = try running()
        let expected = try model.translateWithCommandLine(["the cat runs .", "red tree ."])
        let html = #"<p class="x">the cat runs .</p> <b>red tree .</b>"#
        let response = try server.client.translate(["q": html, "source": "en", "target": "de", "format": "html"])
        XCTAssertEqual(response.object["translatedText"] as? String, #"<p class="x">\#(expected[0])</p> <b>\#(expected[1])</b>"#,
                       response.text)
    }

    func testLanguagesListsEachLanguageWithItsTargets() throws {
        let (_, server) = try running()
        for method in ["GET", "POST"] {
            let response = try server.client.request(method, "/languages", body: method == "POST" ? [] : nil)
            XCTAssertEqual(response.status, 200, response.text)
            XCTAssertEqual(response.json as? NSArray, [["code": "de", "name": "German", "targets": [String]()],
                                                       ["code": "en", "name": "English", "targets": ["de"]]] as NSArray)
        }
    }

    func testRefusalsAre400WithAnError() throws {
        let (_, server) = try running()
        let cases: [(Any, String)] = [
            // JSON without q or sentences could be either API's.
            (["source": "en", "target": "de"], "missing field 'sentences' (a list of strings), or 'q' for LibreTranslate's API"),
            (["q": "a", "source": "en"], "Invalid request: missing target parameter"),
            (["q": "a", "source": "en", "target": "fr"], "no model translates en→fr; this server translates en→de"),
            (["q": "a", "source": "en", "target": "de", "format": "xml"], "xml format is not supported"),
            (["q": "a", "source": "en", "target": "de", "alternatives": 10], "alternatives must be at most 9"),
        ]
        for (body, message) in cases {
            let response = try server.client.translate(body as! [String: Any])
            XCTAssertEqual(response.status, 400, response.text)
            XCTAssertTrue(response.error?.contains(message) ?? false, "\(response.text) lacks \(message)")
        }
        let form = try form(server.client, "source=en&target=de")
        XCTAssertEqual(form.status, 400)
        XCTAssertEqual(form.error, "Invalid request: missing q parameter")
    }

    /// `libretranslatepy` (PyPI), unchanged: `translate` and `languages`. It sends form fields
    /// (urllib's urlencode), and a list passed to `translate` goes as its Python text
    /// ("['a', 'b']"), as it would to LibreTranslate; lists go as JSON, shown with urllib.
    func testTheLibreTranslatePythonClient() throws {
        let (model, server) = try running()
        let check = try ExternalProgram.run("/usr/bin/env", ["python3", "-c", "import libretranslatepy"])
        guard check.status == 0 else {
            throw XCTSkip("libretranslatepy is not installed (scripts/install-deps.sh --tests installs it from PyPI)")
        }
        let sentences = Array(model.sentences.prefix(3))
        let script = """
            import json, sys, urllib.request
            from libretranslatepy import LibreTranslateAPI
            url = "http://127.0.0.1:\(server.port)"
            lt = LibreTranslateAPI(url)
            sentences = json.loads(sys.argv[1])
            request = urllib.request.Request(url + "/translate", method="POST",
                data=json.dumps({"q": sentences, "source": "en", "target": "de"}).encode(),
                headers={"Content-Type": "application/json"})
            print(json.dumps({
                "one": lt.translate(sentences[0], "en", "de"),
                "list_as_text": lt.translate(sentences, "en", "de"),
                "languages": lt.languages(),
                "list_as_json": json.loads(urllib.request.urlopen(request).read())["translatedText"],
            }))
            """
        let data = try JSONSerialization.data(withJSONObject: sentences)
        let result = try ExternalProgram.run("/usr/bin/env", ["python3", "-c", script, String(decoding: data, as: UTF8.self)])
        XCTAssertEqual(result.status, 0, result.error)
        let answers = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], result.output)
        let expected = try model.translateWithCommandLine(sentences)
        XCTAssertEqual(answers["one"] as? String, expected[0])
        XCTAssertEqual(answers["list_as_json"] as? [String], expected)
        let pythonText = "[" + sentences.map { "'\($0)'" }.joined(separator: ", ") + "]"
        let asText = try XCTUnwrap(try form(server.client, "q=\(pythonText.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&source=en&target=de")
            .object["translatedText"] as? String)
        XCTAssertEqual(answers["list_as_text"] as? String, asText, "the list's Python text, translated as one text")
        XCTAssertEqual(answers["languages"] as? NSArray, [["code": "de", "name": "German", "targets": [String]()],
                                                          ["code": "en", "name": "English", "targets": ["de"]]] as NSArray)
    }
}
