import AssetStore
import AssetStoreTestSupport
import Foundation
import SyncService
import Testing

/// The durable Kandji call ledger (R24) on every backend.
@Suite("The Kandji call ledger in the store")
struct StoreCallLedgerTests {
  @Test("buckets older than two hours are pruned, at most every half hour", arguments: StoreBackend.allCases)
  func prunes(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let a = try await store.createKandjiConnection(KandjiConnectionDraft(name: "A"), at: Date())
    let b = try await store.createKandjiConnection(KandjiConnectionDraft(name: "B"), at: Date())
    try await store.recordKandjiCalls(connectionID: a.id, minute: 1_000, calls: 9)
    try await store.recordKandjiCalls(connectionID: b.id, minute: 900, calls: 2)
    let ledger = StoreCallLedger(store: store, connectionID: a.id)
    try await ledger.record(calls: 1, minute: 1_100)  // the first record prunes before 980
    #expect(try await store.kandjiCalls(connectionID: a.id, since: 0) == [1_000: 9, 1_100: 1])
    try await ledger.record(calls: 1, minute: 1_125)  // 25 minutes after that prune: none
    #expect(try await store.kandjiCalls(connectionID: a.id, since: 0) == [1_000: 9, 1_100: 1, 1_125: 1])
    try await ledger.record(calls: 1, minute: 1_130)  // 30 minutes after: prunes before 1,010
    #expect(try await store.kandjiCalls(connectionID: a.id, since: 0) == [1_100: 1, 1_125: 1, 1_130: 1])
    #expect(try await ledger.calls(since: 1_125) == [1_125: 1, 1_130: 1])
    // Another connection's buckets are its own.
    #expect(try await store.kandjiCalls(connectionID: b.id, since: 0) == [900: 2])
  }
}
