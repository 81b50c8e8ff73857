import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// Contacts' links, tickets, agents and sessions on every backend.
@Suite("AssetStore contract: helpdesk")
struct HelpdeskContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test("contacts: ids, emails, links made by hand and unlinked", arguments: StoreBackend.allCases)
  func contactLinks(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let mac = try await store.managedType(for: .mac)
    let asset = try await store.createManualAsset(
      ManualAssetDraft(assetTypeID: mac.id, name: "A", displayID: "A"), at: now)
    let ann = try await store.createContact(name: " Ann ", email: " Ann@Example.com ", phones: ["1", "2"], at: now)
    #expect(ann.name == "Ann")
    #expect(try await store.contact(id: ann.id) == ann)
    #expect(try await store.contact(email: "ann@example.COM") == ann)
    #expect(try await store.contact(id: 999) == nil)
    await #expect(throws: StoreError.invalid(field: "email", message: "Enter a valid email address.")) {
      try await store.createContact(name: "X", email: "nope", phones: [], at: now)
    }
    try await store.linkContact(ann.id, toAsset: asset.id, at: now)
    #expect(try await store.contactLinks(assetID: asset.id).map(\.source) == [.manual])
    await #expect(throws: StoreError.notFound("Asset 999")) {
      try await store.linkContact(ann.id, toAsset: 999, at: now)
    }
    await #expect(throws: StoreError.notFound("Contact 999")) {
      try await store.linkContact(999, toAsset: asset.id, at: now)
    }
    try await store.unlinkContact(ann.id, fromAsset: asset.id)
    #expect(try await store.contactLinks(assetID: asset.id).isEmpty)
    await #expect(throws: StoreError.notFound("A link between asset \(asset.id) and contact \(ann.id)")) {
      try await store.unlinkContact(ann.id, fromAsset: asset.id)
    }
  }

  @Test("agents and sessions: create, find, list, touch, end", arguments: StoreBackend.allCases)
  func agentsAndSessions(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let admin = try await store.createAgent(
      email: "Admin@Example.com", name: "Admin", role: .admin, passwordHash: "h", at: now)
    await #expect(throws: StoreError.duplicateEmail("admin@example.com")) {
      try await store.createAgent(email: "admin@example.com", name: "Again", role: .agent, passwordHash: "h", at: now)
    }
    let agent = try await store.createAgent(
      email: "ana@example.com", name: "Ana", role: .agent, passwordHash: "h2", at: now)
    #expect(try await store.agent(id: admin.id) == admin)
    #expect(try await store.agent(id: 999) == nil)
    #expect(try await store.agents().map(\.id) == [admin.id, agent.id])
    #expect(try await store.agentCredentials(email: "ANA@example.com")?.passwordHash == "h2")
    #expect(try await store.agentCredentials(email: "nobody@example.com") == nil)
    try await store.createSession(tokenHash: "t1", agentID: agent.id, csrfToken: "c", expiresAt: now + 60, at: now)
    try await store.touchSession(tokenHash: "t1", expiresAt: now + 600)
    #expect(try await store.session(tokenHash: "t1")?.expiresAt == now + 600)
    #expect(try await store.session(tokenHash: "t1")?.agent == agent)
    // Creating a session sweeps expired ones.
    try await store.createSession(
      tokenHash: "t2", agentID: admin.id, csrfToken: "c", expiresAt: now + 60, at: now + 601)
    #expect(try await store.session(tokenHash: "t1") == nil)
    try await store.deleteSession(tokenHash: "t2")
    #expect(try await store.session(tokenHash: "t2") == nil)
  }

  @Test("runs: totals and counters round-trip; report rows page by position", arguments: StoreBackend.allCases)
  func runs(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    var run = try await store.beginSyncRun(
      connectionID: try await store.testConnectionID(), trigger: .scheduled, owner: "r1", at: now, staleAfter: 60)
    run.status = .completed
    run.finishedAt = now + 5.25
    run.heartbeatAt = now + 5
    run.error = "Zoë’s token"
    run.totals.created = 1
    run.totals.updated = 2
    run.totals.skipped = 3
    run.totals.failed = 4
    run.totals.retired = 5
    run.pages = 6
    run.listRequests = 7
    run.detailRequests = 8
    run.retries = 9
    run.rateLimited = 10
    run.assetWrites = 11
    run.detailsPending = 12
    run.listingComplete = true
    try await store.updateSyncRun(run)
    #expect(try await store.syncRun(id: run.id) == run)
    #expect(try await store.runningSyncRun(connectionID: nil) == nil)
    #expect(try await store.syncRun(id: 999) == nil)
    let rows = (0..<1_203).map {
      SyncReportRow(
        outcome: .skipped, kandjiDeviceID: "d\($0)", displayID: nil, name: "東京 \($0)", platform: "Mac",
        reason: "unchanged")
    }
    _ = try await store.applySyncBatch(
      SyncBatch(runID: run.id, at: now, firstPosition: 0, decisions: rows.map { _ in .skip }, rows: rows))
    #expect(try await store.allReportRows(runID: run.id) == rows)
    #expect(try await store.reportRowPage(runID: run.id, afterPosition: 1_200, limit: 10).rows == Array(rows.suffix(2)))
  }
}
