import AssetStore
import Foundation

/// Where and how to reach PostgreSQL, parsed from a `postgres://user:pass@host:port/db` URL.
///
/// Query parameters: `sslmode` (`disable`, `prefer` (default) or `require`) and `pool_size`
/// (connections per replica, default 10).
public struct PostgresStoreConfiguration: Sendable, Hashable {
  public enum TLSMode: String, Sendable, Hashable {
    case disable, prefer, require
  }

  public var host: String
  public var port: Int
  public var username: String
  public var password: String?
  public var database: String
  public var tls: TLSMode
  /// Most connections this replica opens.
  public var poolSize: Int

  public init(
    host: String, port: Int = 5432, username: String, password: String?, database: String, tls: TLSMode = .prefer,
    poolSize: Int = 10
  ) {
    self.host = host
    self.port = port
    self.username = username
    self.password = password
    self.database = database
    self.tls = tls
    self.poolSize = poolSize
  }

  /// True for the URL schemes this store takes.
  public static func isPostgresURL(_ text: String) -> Bool {
    text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
  }

  /// Parses a URL; every problem is a one-line `StoreError.invalid` naming it.
  public init(url text: String) throws {
    func bad(_ message: String) -> StoreError {
      .invalid(field: "database", message: "Invalid PostgreSQL URL: \(message)")
    }
    guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
      throw bad("expected postgres://user:password@host:port/database")
    }
    guard let host = components.host, !host.isEmpty else { throw bad("missing host") }
    guard let user = components.user, !user.isEmpty else { throw bad("missing user name") }
    let database = String(components.path.drop(while: { $0 == "/" }))
    guard !database.isEmpty, !database.contains("/") else { throw bad("missing database name after the host") }
    var tls = TLSMode.prefer
    var poolSize = 10
    for item in components.queryItems ?? [] {
      switch item.name {
      case "sslmode":
        guard let mode = TLSMode(rawValue: item.value ?? "") else {
          throw bad("sslmode must be disable, prefer or require")
        }
        tls = mode
      case "pool_size":
        guard let size = Int(item.value ?? ""), (1...500).contains(size) else {
          throw bad("pool_size must be a number from 1 to 500")
        }
        poolSize = size
      default:
        throw bad("unknown parameter \(item.name) (known: sslmode, pool_size)")
      }
    }
    self.init(
      host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
      password: components.password.map { $0.removingPercentEncoding ?? $0 },
      database: database.removingPercentEncoding ?? database, tls: tls, poolSize: poolSize)
  }

  /// The URL form, as `init(url:)` reads it (holds the password: do not log it).
  public var url: String {
    var components = URLComponents()
    components.scheme = "postgres"
    components.user = username
    components.password = password
    components.host = host
    components.port = port
    components.path = "/" + database
    components.queryItems = [
      URLQueryItem(name: "sslmode", value: tls.rawValue), URLQueryItem(name: "pool_size", value: String(poolSize)),
    ]
    return components.string ?? ""
  }

  /// The same server and credentials, another database (tests, `migrate-database`).
  public func with(database: String) -> Self {
    var copy = self
    copy.database = database
    return copy
  }
}
