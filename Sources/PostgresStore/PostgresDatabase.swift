import Foundation
import Logging
import PostgresNIO
import SQLStore

/// PostgreSQL through PostgresNIO's pool: the database several replicas share.
public final class PostgresDatabase: SQLDatabase {
  let client: PostgresClient
  let logger: Logger
  /// Keeps the pool running; cancelled (closing the pool) when the database goes away.
  private let runTask: Task<Void, Never>

  public var dialect: SQLDialect { .postgres }

  init(configuration: PostgresStoreConfiguration, logger: Logger) throws {
    let tls: PostgresClient.Configuration.TLS
    switch (configuration.tls, try configuration.tlsConfiguration()) {
    case (.prefer, let settings?): tls = .prefer(settings)
    case (_, let settings?): tls = .require(settings)
    case (_, nil): tls = .disable
    }
    var clientConfiguration = PostgresClient.Configuration(
      host: configuration.host, port: configuration.port, username: configuration.username,
      password: configuration.password, database: configuration.database, tls: tls)
    clientConfiguration.options.maximumConnections = configuration.poolSize
    clientConfiguration.options.connectTimeout = .seconds(Int64(configuration.connectTimeoutSeconds))
    let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
    self.client = client
    self.logger = logger
    // Immediate: the pool is running before the first lease (else PostgresNIO warns).
    runTask = Task.immediate { await client.run() }
  }

  deinit { runTask.cancel() }

  /// Closes the pool; the database is unusable afterwards.
  func shutdown() { runTask.cancel() }

  /// Every statement of `body` on one pooled connection, without a transaction.
  public func read<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
    try await PostgresSession.mapped {
      try await client.withConnection { connection in
        try await body(PostgresSession(connection: connection, logger: logger))
      }
    }
  }

  public func write<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
    try await PostgresSession.mapped {
      try await client.withConnection { connection in
        let session = PostgresSession(connection: connection, logger: logger)
        try await session.execute("BEGIN")
        // The transaction's end runs in a task of its own, which a cancelled caller (a sync
        // stopped mid-batch) cannot cancel: the connection must not go back to the pool inside it.
        do {
          let value = try await body(session)
          _ = try await Task { try await session.execute("COMMIT") }.value
          return value
        } catch {
          await Task { _ = try? await session.execute("ROLLBACK") }.value
          throw error
        }
      }
    }
  }

  /// PostgreSQL commits a lone statement atomically: no BEGIN and COMMIT round trips.
  public func writeOne(_ statement: SQLStatement) async throws -> Int {
    try await read { session in try await session.execute(statement) }
  }
}
