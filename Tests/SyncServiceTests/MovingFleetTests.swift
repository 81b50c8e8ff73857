import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import KandjiAPI
import KandjiSimulator
import SyncService
import Testing

/// Kandji pages its device list by offset only, so a fleet that changes while a run pages shifts
/// devices across page boundaries. Every kind of run — daily, manual, the CLI's, a quick
/// refresh — retires exactly the devices that left, on the first pass that can know it, never one
/// that stayed, and applies a device served twice once.
@Suite("Sync against a fleet that moves while it is listed")
struct MovingFleetTests {
  /// Every kind of run, and whether it reports every device (a quick refresh reports only changes).
  static let runKinds: [(SyncTrigger, Bool)] = [(.scheduled, true), (.manual, true), (.cli, true), (.refresh, false)]

  func sync(_ h: SyncHarness, trigger: SyncTrigger, reportsEveryDevice: Bool) async throws -> SyncRun {
    h.time.advance(by: .seconds(60))
    return try await h.engine.runOnce(
      client: try h.client(),
      options: SyncOptions(connectionID: h.connectionID, mapping: .default, reportsEveryDevice: reportsEveryDevice),
      trigger: trigger)
  }

  @Test(
    "devices leaving mid-listing never retire a device that stayed",
    arguments: StoreBackend.allCases, Self.runKinds)
  func leavingDevicesRetireOnlyThemselves(backend: StoreBackend, kind: (SyncTrigger, Bool)) async throws {
    try await SyncHarness.run(devices: 700, backend: backend) { h in
      _ = try await h.sync()
      // Three devices (already served on page one) leave just before the request for offset 300:
      // every later device moves up three places, so the three that were at 300–302 are never
      // served in this pass although they are still in Kandji.
      h.simulator.shiftListing(ListingShift(offset: 300, remove: 3))
      let first = try await sync(h, trigger: kind.0, reportsEveryDevice: kind.1)
      let removed = try #require(h.simulator.listingShiftOutcome?.removed)
      #expect(removed.count == 3)
      #expect(first.status == .completed)
      #expect(first.totals.retired == 0)
      #expect(first.totals.created == 0)
      #expect(first.totals.failed == 0)
      for device in h.simulator.devices {
        #expect(try await h.store.asset(kandjiDeviceID: device.deviceID)?.isRetired == false, "\(device.deviceID)")
      }
      // 3 pages and 3 devices unseen: a device_id look-up each.
      #expect(first.listRequests == 3 + 3)
      let rows = try await h.report(first)
      if kind.1 {
        // Every device listed or confirmed has exactly one row.
        #expect(rows.count == 700)
        #expect(Set(rows.compactMap(\.kandjiDeviceID)).count == 700)
      } else {
        #expect(rows.isEmpty)
      }

      // The first pass that can know it retires exactly the three that left.
      let second = try await sync(h, trigger: kind.0, reportsEveryDevice: kind.1)
      #expect(second.totals.retired == 3)
      #expect(second.listRequests == 3 + 3)
      for id in removed { #expect(try await h.store.asset(kandjiDeviceID: id)?.isRetired == true) }
      let retired = try await h.report(second).filter { $0.outcome == .retired }
      #expect(Set(retired.compactMap(\.kandjiDeviceID)) == Set(removed))
      #expect(retired.allSatisfy { $0.reason == "no longer in Kandji (confirmed: a device_id look-up found nothing)" })

      // No flapping: the next run retires and restores nothing.
      let third = try await sync(h, trigger: kind.0, reportsEveryDevice: kind.1)
      #expect(third.totals.retired == 0)
      #expect(third.totals.updated == 0)
      #expect(third.listRequests == 3)
    }
  }

  @Test("more unseen devices than pages are confirmed by one more listing", arguments: StoreBackend.allCases)
  func manyUnseenCostOneMoreListing(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 650, backend: backend) { h in
      _ = try await h.sync()
      h.simulator.shiftListing(ListingShift(offset: 300, remove: 5))
      let run = try await sync(h, trigger: .refresh, reportsEveryDevice: false)
      // 3 pages, 5 unseen: one more listing (3 calls) serves all five; nothing is looked up.
      #expect(run.listRequests == 3 + 3)
      #expect(run.totals.retired == 0)
      #expect(try await h.report(run).isEmpty)
      for device in h.simulator.devices {
        #expect(try await h.store.asset(kandjiDeviceID: device.deviceID)?.isRetired == false)
      }
    }
  }

  @Test(
    "a device served twice is applied once",
    arguments: StoreBackend.allCases, Self.runKinds)
  func enrolmentsMidListingServeADeviceTwice(backend: StoreBackend, kind: (SyncTrigger, Bool)) async throws {
    try await SyncHarness.run(devices: 700, backend: backend) { h in
      _ = try await h.sync()
      h.simulator.shiftListing(ListingShift(offset: 300, add: 2))
      let run = try await sync(h, trigger: kind.0, reportsEveryDevice: kind.1)
      let added = try #require(h.simulator.listingShiftOutcome?.added)
      #expect(added.count == 2)
      #expect(run.status == .completed)
      #expect(run.totals.retired == 0)
      #expect(run.totals.updated == 0)
      #expect(run.totals.devices == 700)
      let rows = try await h.report(run)
      #expect(Set(rows.compactMap(\.kandjiDeviceID)).count == rows.count)
      #expect(rows.count == (kind.1 ? 700 : 0))
      // The two that enrolled behind the pass are imported by the next run.
      let next = try await sync(h, trigger: kind.0, reportsEveryDevice: kind.1)
      #expect(next.totals.created == 2)
      #expect(next.totals.retired == 0)
    }
  }

  @Test("most of a tenant gone is confirmed by one more listing, not a look-up per device")
  func manyGoneCostOneMoreListing() async throws {
    try await SyncHarness.run(devices: 620) { h in
      _ = try await h.sync()
      let leaving = Set(h.simulator.devices.prefix(400).map(\.deviceID))
      for id in leaving { h.simulator.remove(deviceID: id) }
      let staying = h.simulator.devices.map(\.deviceID).sorted()
      // Only devices outside the second listing's span of ids (one page here) need a look-up.
      let outside = leaving.filter { $0 < staying.first! || $0 > staying.last! }
      let run = try await sync(h, trigger: .manual, reportsEveryDevice: true)
      // 220 devices: 1 page; 400 unseen: one more listing (1 call), then a look-up of each outside it.
      #expect(run.listRequests == 1 + 1 + outside.count)
      #expect(run.totals.retired == 400)
      let rows = try await h.report(run).filter { $0.outcome == .retired }
      #expect(Set(rows.compactMap(\.kandjiDeviceID)) == leaving)
      for row in rows {
        let lookedUp = outside.contains(row.kandjiDeviceID ?? "")
        #expect(
          row.reason
            == (lookedUp
              ? "no longer in Kandji (confirmed: a device_id look-up found nothing)"
              : "no longer in Kandji (confirmed: missing from its place in a second listing)"))
      }
    }
  }

  @Test("a device skipped by both listings is looked up, never retired", arguments: StoreBackend.allCases)
  func skippedByBothListings(backend: StoreBackend) async throws {
    try await SyncHarness.run(devices: 650, backend: backend) { h in
      _ = try await h.sync()
      // First listing: 5 devices leave before page two, so the 5 after them go unseen. Second
      // listing: 5 enrol (ids sorting first) before page one and 5 more leave before page two,
      // which moves the same 5 across that page boundary again.
      h.simulator.shiftListing(ListingShift(offset: 300, remove: 5))
      h.simulator.shiftListing(ListingShift(offset: 0, add: 5))
      h.simulator.shiftListing(ListingShift(offset: 300, remove: 5))
      let first = try await sync(h, trigger: .refresh, reportsEveryDevice: false)
      let outcome = try #require(h.simulator.listingShiftOutcome)
      #expect(outcome.removed.count == 10 && outcome.added.count == 5)
      #expect(first.totals.retired == 0)
      // 3 pages, a second listing of 3, then the 5 skipped twice looked up.
      #expect(first.listRequests == 3 + 3 + 5)
      for device in h.simulator.devices where !outcome.added.contains(device.deviceID) {
        #expect(try await h.store.asset(kandjiDeviceID: device.deviceID)?.isRetired == false)
      }
      // The next run retires exactly the ten that left: missing from their place in its second listing.
      let second = try await sync(h, trigger: .refresh, reportsEveryDevice: false)
      #expect(second.totals.retired == 10)
      #expect(second.totals.created == 5)
      #expect(second.listRequests == 3 + 3)
      let retired = try await h.report(second).filter { $0.outcome == .retired }
      #expect(Set(retired.compactMap(\.kandjiDeviceID)) == Set(outcome.removed))
      #expect(
        retired.allSatisfy {
          $0.reason == "no longer in Kandji (confirmed: missing from its place in a second listing)"
        })
    }
  }

  @Test("a device_id filter Kandji ignores never retires the device looked up")
  func ignoredFilterRetiresNothing() async throws {
    try await SyncHarness.run(devices: 650) { h in
      _ = try await h.sync()
      let leaving = h.simulator.devices[10].deviceID
      h.simulator.remove(deviceID: leaving)
      h.simulator.ignoreDeviceIDFilter()
      let run = try await sync(h, trigger: .refresh, reportsEveryDevice: false)
      #expect(run.listRequests == 3 + 1)
      #expect(run.totals.retired == 0)
      #expect(try await h.store.asset(kandjiDeviceID: leaving)?.isRetired == false)
      h.simulator.ignoreDeviceIDFilter(false)
      let next = try await sync(h, trigger: .refresh, reportsEveryDevice: false)
      #expect(next.totals.retired == 1)
      #expect(try await h.store.asset(kandjiDeviceID: leaving)?.isRetired == true)
    }
  }
}
