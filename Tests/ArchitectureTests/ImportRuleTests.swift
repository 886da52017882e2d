import Foundation
import XCTest

/// docs/architecture.md's target table is the rule: each target under Sources/ imports only the
/// targets and packages its row allows (and the platform's modules), the allowed imports form no
/// cycle, and no two folders of one target use each other's types.
final class ImportRuleTests: XCTestCase {
    /// Modules every target may import.
    private static let platform: Set<String> = ["Foundation", "Dispatch", "Synchronization", "Glibc", "Darwin", "Musl"]
    /// Targets that are only C: a header and its module map, or a C header over C++ code.
    private static let shims: Set<String> = ["COpenBLAS", "COpenMPI", "CSentencePiece"]

    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// target → what it may import, from the rows `| target | what it is | may import |`.
    private func rule() throws -> [String: Set<String>] {
        let page = try String(contentsOf: repository.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        var allowed: [String: Set<String>] = [:]
        for line in page.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5, cells[1] != "target", !cells[1].hasPrefix("-") else { continue }
            allowed[cells[1]] = Set(cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return allowed
    }

    /// The Swift files of a target, by path relative to its folder.
    private func sources(of target: String) throws -> [(path: String, text: String)] {
        let folder = repository.appendingPathComponent("Sources/\(target)")
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var files: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(folder.path.count + 1))
            files.append((relative, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    private func targets() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("Sources").path)
            .filter { !Self.shims.contains($0) && !$0.hasPrefix(".") }.sorted()
    }

    func testEveryTargetImportsOnlyWhatTheTableAllows() throws {
        let allowed = try rule()
        XCTAssertGreaterThan(allowed.count, 10, "the table of docs/architecture.md was not found")
        for target in try targets() {
            guard let permitted = allowed[target] else {
                XCTFail("Sources/\(target) has no row in docs/architecture.md's table")
                continue
            }
            for (path, text) in try sources(of: target) {
                for module in Self.imports(in: text) where !permitted.contains(module) && !Self.platform.contains(module) {
                    XCTFail("Sources/\(target)/\(path) imports \(module), which docs/architecture.md does not allow \(target)")
                }
            }
        }
    }

    func testTheTableHasNoCycle() throws {
        let allowed = try rule()
        XCTAssertNil(Self.cycle(in: allowed), "a cycle of targets: \(Self.cycle(in: allowed) ?? [])")
    }

    func testNoTwoFoldersOfATargetUseEachOther() throws {
        for target in try targets() {
            let files = try sources(of: target)
            let folder = { (path: String) in path.contains("/") ? String(path.split(separator: "/")[0]) : "." }
            // Each type name declared at the top level, by the folder that declares it.
            var declaring: [String: String] = [:]
            let declaration = try NSRegularExpression(
                pattern: #"^(?:(?:public|package|final|private|fileprivate)\s+)*(?:class|struct|enum|protocol|typealias|actor)\s+([A-Z]\w*)"#,
                options: .anchorsMatchLines)
            for (path, text) in files {
                for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    declaring[String(text[Range(match.range(at: 1), in: text)!])] = folder(path)
                }
            }
            var uses: [String: Set<String>] = [:]
            for (path, text) in files {
                let code = Self.withoutComments(text)
                let words = Set(code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
                for word in words {
                    if let other = declaring[word], other != folder(path) { uses[folder(path), default: []].insert(other) }
                }
            }
            if let cycle = Self.cycle(in: uses) {
                XCTFail("the folders of Sources/\(target) use each other in a circle: \(cycle.joined(separator: " → "))")
            }
        }
    }

    /// The rule itself is checked: a table with a cycle is caught, and an import outside a row is read.
    func testTheCheckFindsACycleAndReadsImports() {
        XCTAssertEqual(Self.cycle(in: ["A": ["B"], "B": ["C"], "C": ["A"]]).map(Set.init), Set(["A", "B", "C"]))
        XCTAssertNil(Self.cycle(in: ["A": ["B"], "B": ["C"], "C": []]))
        XCTAssertEqual(Self.imports(in: "import Foundation\n@testable import Model\n// import Yams\nimport struct Text.Batch\n"),
                       ["Foundation", "Model", "Text"])
    }

    /// The modules a file imports (`import X`, `@testable import X`, `import struct X.Y`).
    static func imports(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line -> String? in
            var words = line.split(separator: " ").map(String.init)
            if words.first == "@testable" { words.removeFirst() }
            guard words.first == "import", words.count >= 2 else { return nil }
            let name = words.count >= 3 ? words[2] : words[1]
            return String(name.split(separator: ".")[0])
        }
    }

    /// Some cycle of the graph, or nil.
    static func cycle(in graph: [String: Set<String>]) -> [String]? {
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        var path: [String] = []
        func visit(_ node: String) -> [String]? {
            if state[node] == 2 { return nil }
            if state[node] == 1 { return Array(path[path.firstIndex(of: node)!...]) }
            state[node] = 1
            path.append(node)
            for next in (graph[node] ?? []).sorted() {
                if let found = visit(next) { return found }
            }
            path.removeLast()
            state[node] = 2
            return nil
        }
        for node in graph.keys.sorted() {
            if let found = visit(node) { return found }
        }
        return nil
    }

    /// The text with `//` comments removed (documentation names types it does not use).
    static func withoutComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let range = line.range(of: "//") else { return Substring(line) }
            return line[..<range.lowerBound]
        }.joined(separator: "\n")
    }
}
