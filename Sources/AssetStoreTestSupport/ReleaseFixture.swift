import Foundation

/// A database written by a released version of AssetSync, with what that release's API
/// answered about it (`Tests/Fixtures/<name>/`, see its README). Frozen: tests copy, never write.
public struct ReleaseFixture: Sendable {
  /// Every committed release fixture, oldest first. A release that changes the schema adds one.
  public static let all = [ReleaseFixture(name: "release-2026-11")]

  public let name: String
  public let folder: URL

  public init(name: String) {
    self.name = name
    // Sources/AssetStoreTestSupport/ReleaseFixture.swift → Tests/Fixtures/<name>
    folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
  }

  public var sqliteFile: URL { folder.appendingPathComponent("assetsync.sqlite") }
  public var postgresDump: URL { folder.appendingPathComponent("assetsync.postgres.sql") }

  /// The 32-byte key that sealed the fixture's Kandji token.
  public func secretKey() throws -> Data {
    let text = try String(contentsOf: folder.appendingPathComponent("assetsync.sqlite.key"), encoding: .utf8)
    guard let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      throw FixtureError("the fixture key of \(name) is not base64")
    }
    return key
  }

  /// `api-answers.json`, as recorded.
  public func answers() throws -> Data { try Data(contentsOf: folder.appendingPathComponent("api-answers.json")) }

  /// Copies the SQLite file to `path` (creating its directory) and returns `path`.
  public func copySQLite(to path: String) throws -> String {
    let target = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: sqliteFile, to: target)
    return path
  }
}

/// A fixture that cannot be read or loaded.
public struct FixtureError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
