import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import KandjiSimulator
import Logging
import SyncService
import Testing

/// The details backfill (issue 19): choosing a details attribute queues one details call per
/// device whose details an earlier release read (its `details_attributes` are NULL) and starts a
/// run; the run's calls are at the floor (list pages + one details call per device), paced in the
/// connection's durable budget, and a run stopped half way leaves the rest for the next one.
/// Real runs over loopback against the simulator; time moves only on the manual clocks.
@Suite("Details backfill: one call per device, paced, resumable")
struct DetailsBackfillTests {
  /// The default 13 plus two attributes only the details call has.
  static let withDetails = KandjiAttributeCatalogue.defaultKeys + ["filevault_enabled", "storage_free"]

  @Test func gainingIsAboutDetailsExtrasOnly() {
    var old = ConnectionSettings()
    var new = ConnectionSettings()
    // The 13 (supervised and UDID included: every first sync reads them) gain nothing.
    #expect(!DetailsBackfill.gainsDetails(from: old, to: new))
    new.fieldKeys = KandjiAttributeCatalogue.defaultKeys + ["tags", "is_missing"]
    #expect(!DetailsBackfill.gainsDetails(from: old, to: new))  // list attributes cost no call
    new.fieldKeys = Self.withDetails
    #expect(DetailsBackfill.gainsDetails(from: old, to: new))
    old.fieldKeys = Self.withDetails
    new.fieldKeys = ["storage_free", "serial_number"]
    #expect(!DetailsBackfill.gainsDetails(from: old, to: new))  // deselecting, or keeping, costs nothing
    new.fieldKeys = Self.withDetails + ["memory"]
    #expect(DetailsBackfill.gainsDetails(from: old, to: new))
  }

  @Test func theEstimateFollowsTheHourlyBudget() {
    #expect(DetailsBackfill.estimatedSeconds(calls: 0, perSecond: 40, perHour: 9_000) == 0)
    #expect(DetailsBackfill.estimatedSeconds(calls: 400, perSecond: 40, perHour: 9_000) == 10)
    #expect(DetailsBackfill.estimatedSeconds(calls: 9_000, perSecond: 40, perHour: 9_000) == 225)
    // 10,000: an hour's 9,000 (then the wait for the window), and 1,000 more at 40 a second.
    #expect(DetailsBackfill.estimatedSeconds(calls: 10_000, perSecond: 40, perHour: 9_000) == 3_625)
    #expect(DetailsBackfill.estimatedSeconds(calls: 100_000, perSecond: 40, perHour: 9_000) == 11 * 3_600 + 25)
  }

  @Test(arguments: StoreBackend.allCases)
  func choosingADetailsAttributeBackfillsEveryDeviceOnceAtTheFloor(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 650, backend: backend) { h in
      let rig = try await BackfillRig(h)
      try await rig.upgradedFleet()
      h.simulator.resetStats()
      var progress = try await rig.connections.detailsBackfillProgress(connectionID: h.connectionID)
      #expect(progress.pending == 0 && progress.total == 650)

      // List attributes only: nothing queued, no run.
      try await rig.connections.saveFieldSelection(
        KandjiAttributeCatalogue.defaultKeys + ["tags"], connectionID: h.connectionID)
      #expect(await rig.coordinator.waitForRun(connectionID: h.connectionID) == nil)
      #expect(h.simulator.stats.requests == 0)

      try await rig.connections.saveFieldSelection(Self.withDetails, connectionID: h.connectionID)
      let run = try #require(await rig.coordinator.waitForRun(connectionID: h.connectionID))
      #expect(run.status == .completed)
      #expect(run.trigger == .manual)
      // The floor: ⌈650/300⌉ list pages and one details call per device, no retry, no 429.
      #expect(run.listRequests == 3)
      #expect(run.detailRequests == 650)
      #expect(h.simulator.stats.listRequests == 3)
      #expect(h.simulator.stats.detailRequests == 650)
      #expect(h.simulator.stats.rateLimited == 0)
      progress = try await rig.connections.detailsBackfillProgress(connectionID: h.connectionID)
      #expect(progress.pending == 0 && progress.done == 650 && progress.estimatedSecondsLeft == 0)
      // 650 calls and no device left without its details: each device was read exactly once.
      #expect(try await h.store.markDetailsBackfill(connectionID: h.connectionID) == 0)
      let mac = try #require(h.simulator.devices.first { $0.platform == .mac })
      let asset = try #require(try await h.store.asset(kandjiDeviceID: mac.deviceID))
      #expect(asset.detailsAttributes.values["storage_free"] != nil)

      // Saving the same selection again costs nothing.
      h.simulator.resetStats()
      try await rig.connections.saveFieldSelection(Array(Self.withDetails.reversed()), connectionID: h.connectionID)
      #expect(await rig.coordinator.waitForRun(connectionID: h.connectionID)?.id == run.id)
      #expect(h.simulator.stats.requests == 0)
    }
  }

  @Test(arguments: StoreBackend.allCases)
  func aStoppedBackfillContinuesAtTheNextRunWithoutRepeatingACall(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 400, backend: backend) { h in
      let rig = try await BackfillRig(h)
      try await rig.upgradedFleet()
      h.simulator.resetStats()
      // The CLI's way: saved and queued, no run in its short-lived process.
      try await rig.connections.saveFieldSelection(Self.withDetails, connectionID: h.connectionID, startBackfill: false)
      #expect(await rig.coordinator.waitForRun(connectionID: h.connectionID) == nil)
      #expect(try await rig.connections.detailsBackfillProgress(connectionID: h.connectionID).pending == 400)

      // The run is stopped (a kill, a shutdown) after some details.
      let stopAfter = 96
      let stopped = try await Task {
        try await h.sync(onProgress: { progress in
          if progress.phase == .details && progress.detailsDone >= stopAfter { withUnsafeCurrentTask { $0?.cancel() } }
        })
      }.value
      #expect(stopped.status == .interrupted)
      let done = h.simulator.stats.detailRequests
      #expect(done >= stopAfter && done < 400)
      let midway = try await rig.connections.detailsBackfillProgress(connectionID: h.connectionID)
      #expect(midway.pending == 400 - done && midway.total == 400)

      // The next run (here a quick refresh) fetches only the rest.
      let next = try await h.sync(trigger: .refresh)
      #expect(next.status == .completed)
      #expect(next.detailRequests == 400 - done)
      #expect(h.simulator.stats.detailRequests == 400)  // each device once, across both runs
      #expect(h.simulator.stats.listRequests == 4)  // ⌈400/300⌉ per run
      #expect(try await rig.connections.detailsBackfillProgress(connectionID: h.connectionID).pending == 0)
    }
  }

  @Test(arguments: StoreBackend.allCases)
  func theBackfillStaysInsideTheHourlyBudget(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 320, backend: backend) { h in
      let rig = try await BackfillRig(h, pacing: (perSecond: 40, perHour: 150))
      try await rig.upgradedFleet()
      // Kandji's own hourly limit at the connection's budget: any call beyond it would be a 429
      // (its 50 a second above the connection's 40, as for a real tenant).
      h.simulator.setRateLimits(perSecond: 50, perHour: 150)
      h.simulator.resetStats()
      let started = h.clock.now()
      try await rig.connections.saveFieldSelection(Self.withDetails, connectionID: h.connectionID)
      let run = try #require(await rig.coordinator.waitForRun(connectionID: h.connectionID))
      #expect(run.status == .completed)
      #expect(run.detailRequests == 320 && run.listRequests == 2)
      #expect(h.simulator.stats.rateLimited == 0)
      // 322 calls at 150 an hour: the run waited out two full windows.
      #expect(h.clock.now().timeIntervalSince(started) >= 2 * 3_600)
      #expect(try await rig.connections.detailsBackfillProgress(connectionID: h.connectionID).pending == 0)
    }
  }

  @Test(arguments: StoreBackend.allCases)
  func progressCountsWhatIsLeftAndEstimatesItFromTheBudget(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 30, backend: backend) { h in
      let rig = try await BackfillRig(h, pacing: (perSecond: 10, perHour: 20))
      try await rig.upgradedFleet()
      #expect(try await h.store.markDetailsBackfill(connectionID: h.connectionID) == 30)
      let progress = try await rig.connections.detailsBackfillProgress(connectionID: h.connectionID)
      #expect(progress.pending == 30 && progress.total == 30 && progress.done == 0)
      #expect(progress.estimatedSecondsLeft == 3_600 + 1)  // 20 in the first hour, 10 more after it
    }
  }
}

/// The harness's connection made ready to sync (token, mapping), with the coordinator and the
/// use cases the server builds, whose clients talk to the simulator on the Kandji-side clock and
/// count their calls in the store's ledger.
private struct BackfillRig {
  let connections: KandjiConnections
  let coordinator: SyncCoordinator
  let harness: SyncHarness

  init(_ h: SyncHarness, pacing: (perSecond: Int, perHour: Int) = (40, 9_000)) async throws {
    harness = h
    let sealer = try TokenSealer(keyData: Data(repeating: 5, count: 32))
    var connection = try #require(try await h.store.kandjiConnection(id: h.connectionID))
    connection.sealedToken = try sealer.seal(KandjiToken(h.simulator.fullAccessToken))
    connection.settings.mapping = .default
    connection.settings.requestsPerSecond = pacing.perSecond
    connection.settings.requestsPerHour = pacing.perHour
    try await h.store.saveKandjiConnection(connection)
    try await h.store.saveKandjiSettings(KandjiSettings(installed: true))
    let clock = h.clock
    let makeClient: KandjiClientFactory = { endpoint in
      LiveKandjiClient(
        configuration: KandjiClientConfiguration(
          baseURL: endpoint.url, token: endpoint.token, pacing: endpoint.pacing,
          retry: RetryPolicy(maxAttempts: 3, jitter: RetryPolicy.noJitter), endpointPolicy: .allowCustomEndpoints),
        clock: clock, ledger: endpoint.ledger)
    }
    var quiet = Logger(label: "assetsync.sync.test")
    quiet.logLevel = .warning
    coordinator = SyncCoordinator(
      store: h.store, engine: h.engine, sealer: sealer, logger: quiet, makeClient: makeClient)
    connections = KandjiConnections(
      store: h.store, sealer: sealer, coordinator: coordinator, policy: .allowCustomEndpoints, makeClient: makeClient)
  }

  /// Imports the fleet (unpaced), then forgets its details documents: what an installation
  /// upgraded from a release that did not keep them holds.
  func upgradedFleet() async throws {
    _ = try await harness.sync()
    try await StoreBackend.execute("UPDATE assets SET details_attributes = NULL", on: harness.store)
  }
}
