import AssetStore
import Foundation
import PostgresStore
import SQLiteStore

/// A fresh store for a benchmark: a SQLite file in `workDirectory`, or a scratch database on the
/// PostgreSQL server `database` names; removed afterwards.
enum BenchStore {
  static func with(
    database: String?, workDirectory: String, _ body: (any AssetStore, String) async throws -> Void
  ) async throws {
    guard let database else {
      let path = URL(fileURLWithPath: workDirectory).appendingPathComponent(
        "assetsync-bench-\(UUID().uuidString).sqlite"
      )
      .path
      defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
      try await body(try SQLiteAssetStore(path: path), "SQLite")
      return
    }
    let server = try PostgresStoreConfiguration(url: database)
    let scratch: PostgresStoreConfiguration
    do { scratch = try await PostgresScratchDatabase.create(on: server, prefix: "assetsync_bench") } catch {
      throw CLIError("\(error)")
    }
    do {
      let store = try await PostgresAssetStore.connect(scratch)
      try await body(store, "PostgreSQL")
      store.shutdown()
    } catch {
      try? await PostgresScratchDatabase.drop(scratch, server: server)
      throw error
    }
    try? await PostgresScratchDatabase.drop(scratch, server: server)
  }
}
