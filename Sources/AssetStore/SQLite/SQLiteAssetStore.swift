import AssetCore
import Foundation
import GRDB

/// The default store: one SQLite file through GRDB (WAL mode, one writer, concurrent readers).
public final class SQLiteAssetStore: AssetStore {
  let writer: any DatabaseWriter

  /// Opens (creating if needed) the database at `path` and applies pending migrations.
  public init(path: String) throws {
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.label = "assetsync"
    do {
      let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
      let manager = FileManager.default
      if !manager.fileExists(atPath: directory) {
        try manager.createDirectory(
          atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      }
      // Only the owner may read the database (contacts, password hashes, the sealed token);
      // SQLite gives its -wal and -shm files the database file's mode.
      if !manager.fileExists(atPath: path) {
        _ = manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
      }
      writer = try DatabasePool(path: path, configuration: configuration)
      try SQLiteSchema.migrator.migrate(writer)
    } catch {
      throw StoreError.database("cannot open \(path): \(Self.describe(error))")
    }
  }

  /// An in-memory database (tests of code that needs a store but not a file).
  public init(inMemory: Void = ()) throws {
    writer = try DatabaseQueue()
    try SQLiteSchema.migrator.migrate(writer)
  }

  /// Runs a read, mapping GRDB's errors to `StoreError`.
  func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
    do {
      return try await writer.read(body)
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.database(Self.describe(error))
    }
  }

  /// Runs a write transaction, mapping GRDB's errors to `StoreError`.
  func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
    do {
      return try await writer.write(body)
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
      let message = error.message ?? ""
      if message.contains("display_id") { throw StoreError.duplicateDisplayID("") }
      if message.contains("email_key") { throw StoreError.duplicateEmail("") }
      throw StoreError.database(Self.describe(error))
    } catch {
      throw StoreError.database(Self.describe(error))
    }
  }

  static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
    return "\(error)"
  }

  /// `?, ?, ?` for `count` values.
  static func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
  }
}

extension Date {
  var epoch: Double { timeIntervalSince1970 }
  init?(epoch: Double?) {
    guard let epoch else { return nil }
    self.init(timeIntervalSince1970: epoch)
  }
}
