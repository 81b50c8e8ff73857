import AssetStore
import AssetStoreTestSupport
import Foundation
import PostgresStore
import Testing

/// `sslmode=verify-full` against a real TLS server: `scripts/with-postgres` starts PostgreSQL with
/// a certificate for localhost signed by a throw-away CA, and exports that CA.
@Suite("PostgreSQL over verified TLS")
struct PostgresTLSTests {
  static var ca: String? { ProcessInfo.processInfo.environment["ASSETSYNC_TEST_POSTGRES_CA"] }

  @Test(
    "verify-full connects with the right CA and refuses a server it cannot verify",
    .enabled(if: PostgresTestDatabase.enabled && ca != nil, "needs scripts/with-postgres (TLS and its CA)"))
  func verifyFull() async throws {
    guard let ca = Self.ca else { return }
    var configuration = try await PostgresTestDatabase.makeDatabase()
    configuration.host = "localhost"
    configuration.tls = .verifyFull
    configuration.rootCertificatePath = ca
    let store = try await PostgresAssetStore.connect(configuration)
    #expect(try await store.assetTypes().count == 6)
    store.shutdown()

    // The system's CAs do not know the test CA: no connection, a clear error.
    var untrusted = configuration
    untrusted.rootCertificatePath = nil
    await #expect(throws: StoreError.self) { try await PostgresAssetStore.connect(untrusted) }
    // Host names are verified: the certificate names localhost, not 127.0.0.1 (the same server)…
    var byAddress = configuration
    byAddress.host = "127.0.0.1"
    await #expect(throws: StoreError.self) { try await PostgresAssetStore.connect(byAddress) }
    // …which verify-ca accepts: the chain is checked, the name is not.
    byAddress.tls = .verifyCA
    let chainOnly = try await PostgresAssetStore.connect(byAddress)
    #expect(try await chainOnly.assetTypes().count == 6)
    chainOnly.shutdown()
  }
}
