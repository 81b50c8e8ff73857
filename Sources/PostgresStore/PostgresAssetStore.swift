import AssetStore
import Foundation
import Logging
import PostgresNIO
import SQLStore

/// The store for several replicas: the shared `SQLStore` on one PostgreSQL database that every
/// `assetsync serve` uses. Migrations run at start under an advisory lock; `beginSyncRun` is
/// atomic across replicas.
public typealias PostgresAssetStore = SQLStore<PostgresDatabase>

extension SQLStore where Database == PostgresDatabase {
  /// Connects, applies pending migrations, fills missing keys and returns the store; fails with a
  /// one-line `StoreError` when the server cannot be reached.
  public static func connect(
    _ configuration: PostgresStoreConfiguration, logger: Logger = Logger(label: "assetsync.postgres")
  ) async throws -> PostgresAssetStore {
    try await checkReachable(configuration, logger: logger)
    let database = try PostgresDatabase(configuration: configuration, logger: logger)
    try await mapped { try await PostgresMigrator(database: database).migrate() }
    let store = PostgresAssetStore(database: database)
    try await store.fillMissingKeys()
    return store
  }

  /// Connects to a `postgres://` URL (see `PostgresStoreConfiguration`).
  public static func connect(url: String, logger: Logger = Logger(label: "assetsync.postgres")) async throws
    -> PostgresAssetStore
  {
    try await connect(PostgresStoreConfiguration(url: url), logger: logger)
  }

  /// Closes the pool; the store is unusable afterwards.
  public func shutdown() { database.shutdown() }

  /// One direct connection first: the pool retries unreachable servers for a minute before
  /// failing, but an operator starting a replica wants the reason at once.
  static func checkReachable(_ configuration: PostgresStoreConfiguration, logger: Logger) async throws {
    do {
      let connection = try await PostgresConnection.connect(
        configuration: try configuration.directConfiguration(), id: 0, logger: logger)
      try await connection.close()
    } catch {
      let reason = (error as? PSQLError).map(PostgresSession.describe) ?? "\(error)"
      throw StoreError.database(
        "cannot connect to PostgreSQL at \(configuration.host):\(configuration.port)/\(configuration.database): \(reason)"
      )
    }
  }
}

extension PostgresStoreConfiguration {
  /// NIO's TLS settings for the `sslmode` (nil: no TLS): certificates always verified against
  /// `sslrootcert` or the system's CAs; host names too, except for `verify-ca`.
  func tlsConfiguration() throws -> TLSConfiguration? {
    guard tls != .disable else { return nil }
    var settings = TLSConfiguration.makeClientConfiguration()
    if tls == .verifyCA { settings.certificateVerification = .noHostnameVerification }
    if let path = rootCertificatePath {
      settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
    }
    return settings
  }

  /// A single connection's configuration (outside the pool).
  public func directConfiguration() throws -> PostgresConnection.Configuration {
    let tls: PostgresConnection.Configuration.TLS
    switch (self.tls, try tlsConfiguration()) {
    case (.prefer, let settings?): tls = try .prefer(.init(configuration: settings))
    case (_, let settings?): tls = try .require(.init(configuration: settings))
    case (_, nil): tls = .disable
    }
    var direct = PostgresConnection.Configuration(
      host: host, port: port, username: username, password: password, database: database, tls: tls)
    direct.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
    return direct
  }
}
