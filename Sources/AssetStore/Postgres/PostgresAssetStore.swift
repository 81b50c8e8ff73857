import AssetCore
import Foundation
import Logging
import PostgresNIO

/// The store for several replicas: one PostgreSQL database shared by every `assetsync serve`.
///
/// Behaves exactly like `SQLiteAssetStore` (the same contract tests run on both). Migrations run
/// at start under an advisory lock, every method is one transaction, and `beginSyncRun` is
/// atomic across replicas.
public final class PostgresAssetStore: AssetStore {
  let client: PostgresClient
  let logger: Logger
  /// Keeps the pool running; cancelled (closing the pool) when the store goes away.
  private let runTask: Task<Void, Never>

  /// Connects, applies pending migrations and returns the store; fails with a one-line
  /// `StoreError` when the server cannot be reached.
  public static func connect(
    _ configuration: PostgresStoreConfiguration, logger: Logger = Logger(label: "assetsync.postgres")
  ) async throws -> PostgresAssetStore {
    try await checkReachable(configuration, logger: logger)
    let store = try PostgresAssetStore(configuration: configuration, logger: logger)
    try await store.migrate()
    return store
  }

  /// Connects to a `postgres://` URL (see `PostgresStoreConfiguration`).
  public static func connect(url: String, logger: Logger = Logger(label: "assetsync.postgres")) async throws
    -> PostgresAssetStore
  {
    try await connect(PostgresStoreConfiguration(url: url), logger: logger)
  }

  /// One direct connection first: the pool retries unreachable servers for a minute before
  /// failing, but an operator starting a replica wants the reason at once.
  static func checkReachable(_ configuration: PostgresStoreConfiguration, logger: Logger) async throws {
    do {
      let connection = try await PostgresConnection.connect(
        configuration: try directConfiguration(configuration), id: 0, logger: logger)
      try await connection.close()
    } catch {
      throw StoreError.database(
        "cannot connect to PostgreSQL at \(configuration.host):\(configuration.port)/\(configuration.database): \(describe(error))"
      )
    }
  }

  /// A single connection's configuration (outside the pool).
  static func directConfiguration(_ configuration: PostgresStoreConfiguration) throws
    -> PostgresConnection.Configuration
  {
    let tls: PostgresConnection.Configuration.TLS
    switch (configuration.tls, try tlsConfiguration(configuration)) {
    case (.prefer, let settings?): tls = try .prefer(.init(configuration: settings))
    case (_, let settings?): tls = try .require(.init(configuration: settings))
    case (_, nil): tls = .disable
    }
    var direct = PostgresConnection.Configuration(
      host: configuration.host, port: configuration.port, username: configuration.username,
      password: configuration.password, database: configuration.database, tls: tls)
    direct.options.connectTimeout = .seconds(5)
    return direct
  }

  /// NIO's TLS settings for an `sslmode` (nil: no TLS): certificates always verified against
  /// `sslrootcert` or the system's CAs; host names too, except for `verify-ca`.
  static func tlsConfiguration(_ configuration: PostgresStoreConfiguration) throws -> TLSConfiguration? {
    guard configuration.tls != .disable else { return nil }
    var settings = TLSConfiguration.makeClientConfiguration()
    if configuration.tls == .verifyCA { settings.certificateVerification = .noHostnameVerification }
    if let path = configuration.rootCertificatePath {
      settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
    }
    return settings
  }

  init(configuration: PostgresStoreConfiguration, logger: Logger) throws {
    let tls: PostgresClient.Configuration.TLS
    switch (configuration.tls, try Self.tlsConfiguration(configuration)) {
    case (.prefer, let settings?): tls = .prefer(settings)
    case (_, let settings?): tls = .require(settings)
    case (_, nil): tls = .disable
    }
    var clientConfiguration = PostgresClient.Configuration(
      host: configuration.host, port: configuration.port, username: configuration.username,
      password: configuration.password, database: configuration.database, tls: tls)
    clientConfiguration.options.maximumConnections = configuration.poolSize
    clientConfiguration.options.connectTimeout = .seconds(5)
    let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
    self.client = client
    self.logger = logger
    // Immediate: the pool is running before the first lease (else PostgresNIO warns).
    runTask = Task.immediate { await client.run() }
  }

  deinit { runTask.cancel() }

  /// Closes the pool; the store is unusable afterwards.
  public func shutdown() { runTask.cancel() }

  /// Runs `body` on one pooled connection, without a transaction (single-statement reads).
  func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
    try await mapErrors { try await client.withConnection { connection in try await body(connection) } }
  }

  /// Runs one statement's write: PostgreSQL commits a lone statement atomically, so this saves
  /// the BEGIN and COMMIT round trips of `write` (heartbeats, run updates, settings).
  @discardableResult
  func writeOne<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
    try await read(body)
  }

  /// Runs `body` in one transaction, rolling back when it throws. The original error is rethrown
  /// (not PostgresNIO's wrapper) so unique violations map to `StoreError`s.
  @discardableResult
  func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
    try await mapErrors {
      try await client.withConnection { connection in
        try await connection.exec("BEGIN", logger: logger)
        do {
          let value = try await body(connection)
          try await connection.exec("COMMIT", logger: logger)
          return value
        } catch {
          _ = try? await connection.exec("ROLLBACK", logger: logger)
          throw error
        }
      }
    }
  }

  func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as StoreError {
      throw error
    } catch let error as RetryWithSavepoints {
      throw error
    } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.uniqueViolation {
      let constraint = error.serverInfo?[.constraintName] ?? ""
      if constraint.contains("display_id") { throw StoreError.duplicateDisplayID("") }
      if constraint.contains("email_key") { throw StoreError.duplicateEmail("") }
      if constraint.contains("name") { throw StoreError.duplicateName("") }
      throw StoreError.database(Self.describe(error))
    } catch {
      throw StoreError.database(Self.describe(error))
    }
  }

  static let uniqueViolation = "23505"

  /// A one-line description; PSQLError's own is deliberately vague.
  static func describe(_ error: any Error) -> String {
    guard let error = error as? PSQLError else { return "\(error)" }
    if let message = error.serverInfo?[.message] { return message }
    if let underlying = error.underlying { return "\(error.code): \(underlying)" }
    return "\(error.code)"
  }
}
