import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// Says on every developer run that the PostgreSQL cases did not run, and why.
@Suite("PostgreSQL backend")
struct PostgresBackendAvailability {
  @Test(
    "PostgreSQL cases are configured",
    .disabled(if: !PostgresTestDatabase.enabled, "\(PostgresTestDatabase.skipReason)"))
  func configured() {
    #expect(PostgresTestDatabase.url != nil, "CI=true but ASSETSYNC_TEST_POSTGRES_URL is not set")
  }
}
