import AssetStore
import Foundation
import Testing

/// The store backends the contract suite runs against. Every test gets a fresh, empty store.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case sqliteFile

  var testDescription: String { rawValue }

  func makeStore() throws -> any AssetStore {
    switch self {
    case .sqliteFile:
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "assetsync-tests-\(UUID().uuidString)")
      return try SQLiteAssetStore(path: directory.appendingPathComponent("assetsync.sqlite").path)
    }
  }
}
