import Foundation
import Testing

/// A clone of the repository is all a reader has: no comment, string or document may send them to
/// files outside it, and every requirement tag (`R23`) in the code is explained in
/// `docs/requirements.md`. Reads the working tree the tests were built from.
@Suite("The repository stands alone")
struct RepositoryStandsAloneTests {
  /// The repository's root: three levels above this file (`Tests/AssetCoreTests/<file>`).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Pointers at the specification folder the project was first written from, which a clone does
  /// not have. Spelled in pieces so this file does not match itself.
  static let outsidePointers = [
    "spec" + "/", "../" + "shared", "shared" + "/kandji", "shared" + "/happyfox", "happyfox" + "/kb", "PRODUCT" + ".md",
    "ARCHITECTURE" + ".md", "API-" + "NOTES", "/work" + "/",
  ]

  /// Top-level files and folders a reader of the project reads.
  static let scanned = [
    "Sources", "Tests", "docs", "scripts", ".ci", "README.md", "CHANGELOG.md", "openapi.yaml", "Package.swift",
  ]

  /// Caches and generated files inside `Tests` that are not the project's text.
  static let skippedFolders: Set<String> = [".pytest_cache", "__pycache__", ".hypothesis", ".build"]

  /// Every text file below `scanned`, with its path relative to the root.
  static func textFiles() -> [(path: String, text: String)] {
    var files: [(String, String)] = []
    let manager = FileManager.default
    for name in scanned {
      let top = root.appendingPathComponent(name)
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: top.path, isDirectory: &isFolder) else { continue }
      var urls = [top]
      if isFolder.boolValue {
        let walker = manager.enumerator(at: top, includingPropertiesForKeys: [.isRegularFileKey])
        urls = []
        while let url = walker?.nextObject() as? URL {
          if skippedFolders.contains(url.lastPathComponent) {
            walker?.skipDescendants()
            continue
          }
          if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { urls.append(url) }
        }
      }
      for url in urls {
        // Binary fixtures (SQLite files, screenshots) are not text a reader follows.
        guard let data = try? Data(contentsOf: url), !data.contains(0),
          let text = String(data: data, encoding: .utf8)
        else { continue }
        files.append((String(url.path.dropFirst(root.path.count + 1)), text))
      }
    }
    return files
  }

  @Test func scansTheWholeTree() {
    let paths = Self.textFiles().map(\.path)
    #expect(paths.contains("README.md"))
    #expect(paths.contains("Tests/AssetCoreTests/RepositoryStandsAloneTests.swift"))
    #expect(paths.count > 300, "only \(paths.count) files read from \(Self.root.path)")
  }

  @Test func nothingPointsOutsideTheRepository() {
    var found: [String] = []
    for file in Self.textFiles() {
      for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        for pointer in Self.outsidePointers where line.contains(pointer) {
          found.append("\(file.path):\(number + 1): \(pointer)")
        }
      }
    }
    #expect(found.isEmpty, "say the rule itself, or point at docs/: \(found.joined(separator: "; "))")
  }

  @Test func everyRequirementTagIsExplained() throws {
    let requirements = try String(
      contentsOf: Self.root.appendingPathComponent("docs/requirements.md"), encoding: .utf8)
    let explained = Set(
      requirements.matches(of: /^- \*\*(R\d+)\b/.anchorsMatchLineEndings()).map { String($0.output.1) })
    var missing: Set<String> = []
    for file in Self.textFiles() where file.path.hasSuffix(".swift") {
      for match in file.text.matches(of: /\b(R\d+)\b/) where !explained.contains(String(match.output.1)) {
        missing.insert("\(match.output.1) (\(file.path))")
      }
    }
    #expect(!explained.isEmpty)
    #expect(missing.isEmpty, "tags without an entry in docs/requirements.md: \(missing.sorted())")
  }
}
