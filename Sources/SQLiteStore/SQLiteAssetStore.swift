import AssetStore
import GRDB
import SQLStore

/// The default store: the shared `SQLStore` on one SQLite file.
public typealias SQLiteAssetStore = SQLStore<SQLiteDatabase>

extension SQLStore where Database == SQLiteDatabase {
  /// Opens (creating if needed) the database at `path` and applies pending migrations.
  public convenience init(path: String) throws {
    do {
      self.init(database: try SQLiteDatabase(path: path))
    } catch {
      throw StoreError.database("cannot open \(path): \(Self.describe(error))")
    }
  }

  /// An in-memory database (tests of code that needs a store but not a file).
  public convenience init(inMemory: Void = ()) throws {
    self.init(database: try SQLiteDatabase(inMemory: ()))
  }

  static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
    return "\(error)"
  }
}
