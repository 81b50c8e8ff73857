import AssetStore
import Foundation

/// Where and how to reach PostgreSQL, parsed from a `postgres://user:pass@host:port/db` URL.
///
/// Query parameters: `sslmode`, `pool_size` (connections per replica, default 10) and
/// `connect_timeout` (seconds to wait for a new connection, default 5, as libpq names it).
///
/// `sslmode`: `disable` (plain TCP); `prefer` (TLS when the server offers it); `require`,
/// `verify-full` (TLS or no connection, the server's certificate checked against the system's
/// trusted CAs, or `sslrootcert`, and its host name); `verify-ca` (TLS, certificate chain checked,
/// host name not). Unlike libpq, `require` verifies the certificate too: a TLS connection whose
/// peer is not checked protects against nobody who can intercept it.
///
/// Without `sslmode` (issue 16): `prefer` for a loopback host (`localhost`, `127.0.0.0/8`,
/// `::1`), `verify-full` for any other — a network is never crossed in plain text by default.
/// Say `sslmode=disable` or `prefer` to allow that.
public struct PostgresStoreConfiguration: Sendable, Hashable {
  public enum TLSMode: String, Sendable, Hashable, CaseIterable {
    case disable, prefer, require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"
  }

  public var host: String
  public var port: Int
  public var username: String
  public var password: String?
  public var database: String
  public var tls: TLSMode
  /// A PEM file of the CAs that may sign the server's certificate (`sslrootcert`); nil: the
  /// system's trusted CAs.
  public var rootCertificatePath: String?
  /// Most connections this replica opens.
  public var poolSize: Int
  /// How long opening one connection may take before it fails.
  public var connectTimeoutSeconds = 5

  public init(
    host: String, port: Int = 5432, username: String, password: String?, database: String, tls: TLSMode? = nil,
    poolSize: Int = 10
  ) {
    self.host = host
    self.port = port
    self.username = username
    self.password = password
    self.database = database
    self.tls = tls ?? Self.defaultTLS(host: host)
    self.poolSize = poolSize
  }

  /// The `sslmode` of a URL that names none: `prefer` on loopback only, else `verify-full`.
  public static func defaultTLS(host: String) -> TLSMode {
    isLoopback(host) ? .prefer : .verifyFull
  }

  /// `localhost`, `127.0.0.0/8` or `::1` (with or without brackets).
  static func isLoopback(_ host: String) -> Bool {
    let host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
    let parts = host.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
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
    var tls: TLSMode?
    var rootCertificate: String?
    var poolSize = 10
    var connectTimeout = 5
    for item in components.queryItems ?? [] {
      switch item.name {
      case "sslmode":
        guard let mode = TLSMode(rawValue: item.value ?? "") else {
          throw bad("sslmode must be disable, prefer, require, verify-ca or verify-full")
        }
        tls = mode
      case "sslrootcert":
        guard let path = item.value, !path.isEmpty, FileManager.default.isReadableFile(atPath: path) else {
          throw bad("sslrootcert must name a readable PEM file")
        }
        rootCertificate = path
      case "pool_size":
        guard let size = Int(item.value ?? ""), (1...500).contains(size) else {
          throw bad("pool_size must be a number from 1 to 500")
        }
        poolSize = size
      case "connect_timeout":
        guard let seconds = Int(item.value ?? ""), (1...300).contains(seconds) else {
          throw bad("connect_timeout must be a number of seconds from 1 to 300")
        }
        connectTimeout = seconds
      default:
        throw bad("unknown parameter \(item.name) (known: sslmode, sslrootcert, pool_size, connect_timeout)")
      }
    }
    self.init(
      host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
      password: components.password.map { $0.removingPercentEncoding ?? $0 },
      database: database.removingPercentEncoding ?? database, tls: tls, poolSize: poolSize)
    rootCertificatePath = rootCertificate
    connectTimeoutSeconds = connectTimeout
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
    components.queryItems =
      [URLQueryItem(name: "sslmode", value: tls.rawValue), URLQueryItem(name: "pool_size", value: String(poolSize))]
      + (rootCertificatePath.map { [URLQueryItem(name: "sslrootcert", value: $0)] } ?? [])
      + (connectTimeoutSeconds == 5
        ? [] : [URLQueryItem(name: "connect_timeout", value: String(connectTimeoutSeconds))])
    return components.string ?? ""
  }

  /// The same server and credentials, another database (tests, `migrate-database`).
  public func with(database: String) -> Self {
    var copy = self
    copy.database = database
    return copy
  }
}
