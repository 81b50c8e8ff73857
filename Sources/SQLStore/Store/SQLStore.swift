import AssetCore
import AssetStore
import Foundation
import Synchronization

/// The store, written once for SQLite and PostgreSQL: every query's SQL and every record's
/// decoding live here (and in `Records/`), run by a driver (`SQLiteStore`, `PostgresStore`)
/// through `SQLDatabase`. Every method is one transaction (reads: one snapshot per batch).
public final class SQLStore<Database: SQLDatabase>: AssetStore {
  public let database: Database
  /// The Kandji settings as last decoded, with the stored text they came from: requests that
  /// render console links read the text (one row) but decode it only when it changed.
  let settingsCache = Mutex<(text: String, settings: KandjiSettings)?>(nil)
  /// List totals and search plans, valid until the next asset write.
  let listTotals = ListTotals()
  /// How common the trigrams of recent search terms are (`RareTrigrams`; SQLite only).
  let trigramCounts = RareTrigrams.Counts()

  public init(database: Database) {
    self.database = database
  }

  var dialect: SQLDialect { database.dialect }

  /// A read, with driver failures as `StoreError`s (for tools such as the migration copier).
  public func read<T: Sendable>(_ body: (Database.Session) async throws -> T) async throws -> T {
    try await Self.mapped { try await database.read(body) }
  }

  /// A write transaction, with driver failures as `StoreError`s.
  @discardableResult
  public func write<T: Sendable>(_ body: (Database.Session) async throws -> T) async throws -> T {
    try await Self.mapped { try await database.write(body) }
  }

  /// One statement's write; returns the rows it changed.
  @discardableResult
  func writeOne(_ statement: SQLStatement) async throws -> Int {
    try await Self.mapped { try await database.writeOne(statement) }
  }

  /// Passes `StoreError`s (and `TicketThreadFull`) through and describes any other failure in one line.
  public static func mapped<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as StoreError {
      throw error
    } catch let failure as SQLFailure {
      switch failure {
      case .uniqueViolation(let what): throw StoreError.database("duplicate value (\(what))")
      case .foreignKeyViolation(let what): throw StoreError.database("missing referenced row (\(what))")
      case .other(let message): throw StoreError.database(message)
      }
    } catch let error as RetryWithSavepoints {
      throw error
    } catch let error as TicketThreadFull {
      throw error
    } catch {
      throw StoreError.database("\(error)")
    }
  }
}

/// Maps a unique violation to the `StoreError` naming the value that was taken; other errors
/// pass unchanged. The constraint's text names its column on both backends (SQLite:
/// `assets.display_id`; PostgreSQL: `assets_display_id_key`).
enum Duplicate {
  static func displayID(_ displayID: String) -> (String) -> StoreError? {
    { $0.contains("display_id") ? .duplicateDisplayID(displayID) : nil }
  }

  static func email(_ email: String) -> (String) -> StoreError? {
    { $0.contains("email_key") ? .duplicateEmail(email) : nil }
  }

  static func name(_ name: String) -> (String) -> StoreError? {
    { $0.contains("name") ? .duplicateName(name) : nil }
  }

  /// A type's fields are unique by name (PostgreSQL names the constraint `asset_fields_type_field_key`).
  static func fieldName(_ name: String) -> (String) -> StoreError? {
    { $0.contains("name") || $0.contains("type_field") ? .duplicateName(name) : nil }
  }

  /// Runs `body`, mapping a unique violation through `map`.
  @discardableResult
  static func mapping<T>(_ map: (String) -> StoreError?, _ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch SQLFailure.uniqueViolation(let what) {
      if let error = map(what) { throw error }
      throw StoreError.database("duplicate value (\(what))")
    }
  }
}
