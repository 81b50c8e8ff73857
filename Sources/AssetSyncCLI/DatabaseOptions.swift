import ArgumentParser
import AssetStore
import AssetSyncApplication
import Foundation
import Logging
import PostgresStore
import SQLiteStore
import SyncService

/// `--database PATH|URL`, shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "SQLite file path (default backend) or postgres://user:pass@host:port/db URL. Also ASSETSYNC_DATABASE_URL.")
  var database: String?

  @Option(
    help:
      "File holding the secret key that encrypts the Kandji token (default: next to a SQLite database). ASSETSYNC_SECRET_KEY overrides it."
  )
  var secretKeyFile: String?

  /// The database argument, from the flag or the environment.
  func location() throws -> String {
    if let database, !database.trimmingCharacters(in: .whitespaces).isEmpty { return database }
    if let url = ProcessInfo.processInfo.environment["ASSETSYNC_DATABASE_URL"], !url.isEmpty { return url }
    throw ValidationError(
      "Missing --database: give a SQLite file path or a postgres:// URL (or set ASSETSYNC_DATABASE_URL).")
  }

  /// SQLite for a path, PostgreSQL for a postgres:// URL; problems are one-line `CLIError`s.
  func openStore() async throws -> any AssetStore {
    let location = try location()
    if PostgresStoreConfiguration.isPostgresURL(location) {
      do {
        return try await PostgresAssetStore.connect(try PostgresStoreConfiguration(url: location))
      } catch let error as StoreError {
        throw CLIError("\(error)")
      }
    }
    if location.contains("://") {
      throw CLIError("Unsupported database URL scheme: use a SQLite file path or a postgres:// URL.")
    }
    do {
      return try SQLiteAssetStore(path: location)
    } catch {
      throw CLIError("Cannot open the database at \(location): \(error)")
    }
  }

  /// The application over this database and the secret key that seals Kandji tokens: what
  /// `serve`, `sync` and `kandji` run on. `warnAboutSharedKey` prints `sharedKeyWarning()` once
  /// the store is open (the server does).
  func openApplication(
    settings: ApplicationSettings = ApplicationSettings(), logger: Logger, warnAboutSharedKey: Bool = false
  ) async throws -> AssetSyncApp {
    let store = try await openStore()
    if warnAboutSharedKey, let warning = try sharedKeyWarning() { Console.error(warning) }
    let sealer: TokenSealer
    do { sealer = try TokenSealer.load(keyFile: try keyFile()) } catch { throw CLIError("\(error)") }
    return AssetSyncApp(store: store, sealer: sealer, settings: settings, logger: logger)
  }

  /// The accounts over this database (`agents`, `api-keys`): no secret key is read or created.
  func openAccounts() async throws -> (store: any AssetStore, accounts: Accounts) {
    let store = try await openStore()
    return (store, Accounts(store: store))
  }

  /// A reminder for replicas sharing PostgreSQL: a key file on one machine is not the key of the
  /// others, and a token sealed by one replica could not be opened by the rest.
  func sharedKeyWarning() throws -> String? {
    let environment = ProcessInfo.processInfo.environment["ASSETSYNC_SECRET_KEY"] ?? ""
    guard PostgresStoreConfiguration.isPostgresURL(try location()), environment.isEmpty else { return nil }
    return
      "Note: the Kandji token key comes from \(try keyFile()); every replica on this database needs the same key (set ASSETSYNC_SECRET_KEY on all of them)."
  }

  /// Where the secret key file lives when the environment does not give the key.
  func keyFile() throws -> String {
    if let secretKeyFile { return secretKeyFile }
    let location = try location()
    if location.contains("://") {
      return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".assetsync/secret.key").path
    }
    return location + ".key"
  }
}
