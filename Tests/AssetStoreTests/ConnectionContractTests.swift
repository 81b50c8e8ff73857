import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// Kandji connections (R22) and their API budget (R24) on every backend.
@Suite("AssetStore contract: Kandji connections")
struct ConnectionContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test(
    "connections round-trip; names are unique whatever their case; removed ones free their name",
    arguments: StoreBackend.allCases)
  func roundTrip(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    #expect(try await store.kandjiSettings() == KandjiSettings())
    try await store.saveKandjiSettings(KandjiSettings(installed: true))
    #expect(try await store.kandjiSettings().installed)
    var settings = ConnectionSettings()
    settings.mapping = .default
    settings.schedule = SyncSchedule(hour: 3, minute: 30, timeZone: "Europe/Berlin")
    settings.requestsPerHour = 2_000
    settings.lastAuthorizationCode = "authorized"
    let europe = try await store.createKandjiConnection(
      KandjiConnectionDraft(
        name: " Zoë Europe ", apiURL: "acme.api.eu.kandji.io", sealedToken: "v1:sealed", settings: settings),
      at: now)
    #expect(europe.name == "Zoë Europe")
    #expect(europe.tokenSetAt == now)
    #expect(europe.isReadyToSync)
    #expect(try await store.kandjiConnection(id: europe.id) == europe)
    await #expect(throws: StoreError.duplicateName("ZOË EUROPE")) {
      try await store.createKandjiConnection(KandjiConnectionDraft(name: "ZOË EUROPE"), at: now)
    }
    var us = try await store.createKandjiConnection(KandjiConnectionDraft(name: "US", enabled: false), at: now)
    #expect(!us.isReadyToSync)
    us.name = "United States"
    us.apiURL = "acme.api.kandji.io"
    us.settings.refreshMinutes = 0
    try await store.saveKandjiConnection(us)
    #expect(try await store.kandjiConnection(id: us.id) == us)
    us.name = "zoë europe"
    await #expect(throws: StoreError.duplicateName("zoë europe")) { try await store.saveKandjiConnection(us) }
    #expect(try await store.kandjiConnections(includeRemoved: false).map(\.name) == ["Zoë Europe", "United States"])
    #expect(try await store.removeKandjiConnection(id: europe.id, reason: "removed", at: now) == 0)
    #expect(try await store.kandjiConnections(includeRemoved: false).map(\.id) == [us.id])
    #expect(try await store.kandjiConnections(includeRemoved: true).count == 2)
    // The name is free again; a removed connection cannot be changed or removed twice.
    _ = try await store.createKandjiConnection(KandjiConnectionDraft(name: "Zoë Europe"), at: now)
    await #expect(throws: StoreError.notFound("Kandji connection \(europe.id)")) {
      try await store.removeKandjiConnection(id: europe.id, reason: "again", at: now)
    }
    await #expect(throws: StoreError.self) { try await store.saveKandjiConnection(europe) }
    await #expect(throws: StoreError.invalid(field: "name", message: "This field is required.")) {
      try await store.createKandjiConnection(KandjiConnectionDraft(name: "  "), at: now)
    }
  }

  @Test(
    "removing a connection retires its active assets with the reason, and only its", arguments: StoreBackend.allCases)
  func removal(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let a = try await store.createKandjiConnection(KandjiConnectionDraft(name: "A"), at: now)
    let b = try await store.createKandjiConnection(KandjiConnectionDraft(name: "B"), at: now)
    for (connection, device) in [(a, "a1"), (a, "a2"), (b, "b1")] {
      let run = try await store.beginSyncRun(
        connectionID: connection.id, trigger: .manual, owner: "t", at: now, staleAfter: 60)
      let attributes = DeviceSnapshot(deviceID: device, serialNumber: "S-\(device)", platformName: "Mac")
        .attributes(platform: .mac, supervised: nil, udid: nil)
      _ = try await store.applySyncBatch(
        SyncBatch(
          runID: run.id, at: now, firstPosition: 0,
          decisions: [
            .create(
              NewManagedAsset(
                platform: .mac, name: device, displayID: "D-\(device)", attributes: attributes, contactID: nil))
          ],
          rows: []))
      var finished = run
      finished.status = .completed
      try await store.updateSyncRun(finished)
    }
    let a1 = try #require(try await store.asset(kandjiDeviceID: "a1"))
    #expect(a1.connectionID == a.id)  // taken from the run when the decision names none
    #expect(try await store.assets(AssetQuery(connectionID: a.id)).total == 2)
    #expect(
      try await store.activeSyncedAssets(connectionID: b.id, afterID: 0, limit: 10).map(\.kandjiDeviceID) == ["b1"])
    #expect(try await store.removeKandjiConnection(id: a.id, reason: "connection A removed", at: now + 5) == 2)
    let retired = try #require(try await store.asset(id: a1.id))
    #expect(retired.retiredAt == now + 5)
    #expect(retired.retiredReason == "connection A removed")
    #expect(try await store.asset(kandjiDeviceID: "b1")?.isRetired == false)
    #expect(try await store.syncRuns(connectionID: a.id, limit: 10).count == 2)
    let listed = try await store.assetListing(AssetQuery(connectionID: b.id)).items
    #expect(listed.first?.source == SourceTenant(id: b.id, name: "B", apiURL: nil))
    #expect(try await store.assetDetail(id: a1.id, recentTickets: 0)?.source?.name == "A")
  }

  @Test("the API budget: calls per connection and minute, summed, since a minute", arguments: StoreBackend.allCases)
  func budget(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let a = try await store.createKandjiConnection(KandjiConnectionDraft(name: "A"), at: now)
    let b = try await store.createKandjiConnection(KandjiConnectionDraft(name: "B"), at: now)
    try await store.recordKandjiCalls(connectionID: a.id, minute: 100, calls: 3)
    try await store.recordKandjiCalls(connectionID: a.id, minute: 100, calls: 2)
    try await store.recordKandjiCalls(connectionID: a.id, minute: 160, calls: 7)
    try await store.recordKandjiCalls(connectionID: b.id, minute: 160, calls: 1)
    #expect(try await store.kandjiCalls(connectionID: a.id, since: 0) == [100: 5, 160: 7])
    #expect(try await store.kandjiCalls(connectionID: a.id, since: 101) == [160: 7])
    #expect(try await store.kandjiCalls(connectionID: b.id, since: 0) == [160: 1])
    // Pruning forgets one connection's old buckets only.
    try await store.recordKandjiCalls(connectionID: b.id, minute: 100, calls: 4)
    try await store.pruneKandjiCalls(connectionID: a.id, before: 160)
    #expect(try await store.kandjiCalls(connectionID: a.id, since: 0) == [160: 7])
    #expect(try await store.kandjiCalls(connectionID: b.id, since: 0) == [100: 4, 160: 1])
  }

  @Test("runs of different connections are independent; one per connection", arguments: StoreBackend.allCases)
  func independentRuns(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let a = try await store.createKandjiConnection(KandjiConnectionDraft(name: "A"), at: now)
    let b = try await store.createKandjiConnection(KandjiConnectionDraft(name: "B"), at: now)
    let runA = try await store.beginSyncRun(connectionID: a.id, trigger: .initial, owner: "x", at: now, staleAfter: 60)
    let runB = try await store.beginSyncRun(
      connectionID: b.id, trigger: .scheduled, owner: "y", at: now, staleAfter: 60)
    #expect(runA.connectionID == a.id)
    await #expect(throws: StoreError.syncAlreadyRunning(runID: runA.id)) {
      try await store.beginSyncRun(connectionID: a.id, trigger: .manual, owner: "z", at: now, staleAfter: 60)
    }
    #expect(try await store.runningSyncRun(connectionID: b.id)?.id == runB.id)
    #expect(try await store.syncRuns(connectionID: a.id, limit: 5).map(\.id) == [runA.id])
    #expect(try await store.syncRuns(connectionID: nil, limit: 5).map(\.id) == [runB.id, runA.id])
    #expect(try await store.syncRun(id: runB.id)?.connectionID == b.id)
  }
}
