import Foundation
import KandjiAPI
import SyncService
import Testing

/// Who waits for a Kandji answer decides how long it may take (issue 13): a sync waits out
/// budgets and 429s; a request someone waits on (Refresh from Kandji, the mapping preview, a
/// quick refresh) gives up quickly.
@Suite("Kandji endpoints: syncs wait, interactive requests give up quickly")
struct KandjiEndpointTests {
  let token = KandjiToken("11111111-2222-4333-8444-555555555555")

  func url() throws -> KandjiBaseURL { try KandjiBaseURL("acme.api.kandji.io") }

  @Test("an interactive endpoint: 10 s timeout, one retry, no 429 waited out, at most 5 s for the budget")
  func interactive() throws {
    let endpoint = KandjiEndpoint(url: try url(), token: token, pacing: PacingPolicy().interactive)
    let configuration = endpoint.liveClient(policy: .kandjiHostsOnly).configuration
    #expect(configuration.requestTimeout == .seconds(10))
    #expect(configuration.retry.maxAttempts == 2)
    #expect(configuration.retry.maxRateLimitedAttempts == 1)
    #expect(configuration.pacing.longestBudgetWait == .seconds(5))
  }

  @Test("a sync's endpoint waits as long as the budget and Kandji say")
  func sync() throws {
    let configuration = KandjiEndpoint(url: try url(), token: token).liveClient(policy: .kandjiHostsOnly).configuration
    #expect(configuration.requestTimeout == .seconds(30))
    #expect(configuration.retry.maxRateLimitedAttempts == 10)
    #expect(configuration.pacing.longestBudgetWait == nil)
  }
}
