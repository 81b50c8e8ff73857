import AssetStore
import Foundation
import PostgresStore
import Testing

/// `postgres://` URLs: every sslmode operators know from libpq, and a private CA file.
@Suite("PostgreSQL URLs: TLS modes")
struct PostgresTLSURLTests {
  @Test(
    "sslmode values",
    arguments: [
      ("disable", PostgresStoreConfiguration.TLSMode.disable), ("prefer", .prefer), ("require", .require),
      ("verify-ca", .verifyCA), ("verify-full", .verifyFull),
    ])
  func sslModes(text: String, mode: PostgresStoreConfiguration.TLSMode) throws {
    let configuration = try PostgresStoreConfiguration(url: "postgres://u:p@db.example:5433/assets?sslmode=\(text)")
    #expect(configuration.tls == mode)
    #expect(try PostgresStoreConfiguration(url: configuration.url).tls == mode)
  }

  /// Issue 16: without `sslmode`, a database across a network gets TLS with a checked
  /// certificate; only loopback keeps `prefer`.
  @Test(
    "no sslmode: verify-full unless the host is loopback",
    arguments: [
      ("db.example", PostgresStoreConfiguration.TLSMode.verifyFull), ("10.0.0.5", .verifyFull),
      ("[2001:db8::5]", .verifyFull), ("127.0.0.1", .prefer), ("127.8.9.1", .prefer), ("localhost", .prefer),
      ("[::1]", .prefer), ("127.0.0.1.evil.example", .verifyFull), ("localhost.example", .verifyFull),
    ])
  func defaultTLSByHost(host: String, mode: PostgresStoreConfiguration.TLSMode) throws {
    #expect(try PostgresStoreConfiguration(url: "postgres://u@\(host):5432/assets").tls == mode, "\(host)")
    // An explicit sslmode is kept, plain included.
    #expect(try PostgresStoreConfiguration(url: "postgres://u@\(host)/assets?sslmode=disable").tls == .disable)
  }

  @Test func defaultsAndErrors() throws {
    #expect(try PostgresStoreConfiguration(url: "postgres://u@db.example/assets").tls == .verifyFull)
    #expect(
      PostgresStoreConfiguration(host: "db.example", username: "u", password: nil, database: "assets").tls
        == .verifyFull)
    #expect(throws: StoreError.self) { try PostgresStoreConfiguration(url: "postgres://u@h/db?sslmode=allow") }
    do {
      _ = try PostgresStoreConfiguration(url: "postgres://u@h/db?sslmode=verify-full&sslrootcert=/nonexistent.pem")
      Issue.record("an unreadable CA file was accepted")
    } catch let error as StoreError {
      #expect(error.description.contains("sslrootcert must name a readable PEM file"))
    }
    let ca = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString).pem")
    try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: ca)
    let withCA = try PostgresStoreConfiguration(
      url: "postgres://u@h/db?sslmode=verify-full&sslrootcert=\(ca.path)")
    #expect(withCA.rootCertificatePath == ca.path)
    #expect(try PostgresStoreConfiguration(url: withCA.url).rootCertificatePath == ca.path)
  }
}
