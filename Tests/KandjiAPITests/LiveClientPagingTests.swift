import Testing

@testable import KandjiAPI
@testable import KandjiSimulator

@Suite("Listing over loopback HTTP against the simulator")
struct LiveClientPagingTests {
  @Test func pagesThroughTheWholeFleet() async throws {
    try await SimulatorHarness.run(devices: 1_000) { h in
      let client = try h.client()
      let pages = try await client.allPages()
      #expect(pages.map(\.recordCount) == [300, 300, 300, 100])
      let ids = pages.flatMap(\.devices).map(\.deviceID)
      #expect(ids.count == 1_000)
      #expect(Set(ids) == Set(h.simulator.devices.map(\.deviceID)))
      #expect(ids == ids.sorted())  // ordering=device_id keeps pages stable
      #expect(client.stats.listRequests == 4)
      #expect(h.simulator.stats.listRequests == 4)
    }
  }

  @Test func smallPagesAndAnExactMultiple() async throws {
    try await SimulatorHarness.run(devices: 70) { h in
      let client = try h.client()
      let pages = try await client.allPages(pageSize: 7)
      #expect(pages.count == 10)
      #expect(pages.flatMap(\.devices).count == 70)
      // The 11th request sees an empty page and ends the listing.
      #expect(client.stats.listRequests == 11)
    }
  }

  @Test func neverAsksForMoreThan300() async throws {
    try await SimulatorHarness.run(devices: 500) { h in
      let client = try h.client()
      let page = try await client.devicePage(offset: 0, limit: 5_000)
      #expect(page.recordCount == 300)
      #expect(h.simulator.stats.largestLimitRequested == 300)
      let pages = try await client.allPages(pageSize: 1_000)
      #expect(pages.map(\.recordCount) == [300, 200])
    }
  }

  @Test func emptyTenant() async throws {
    try await SimulatorHarness.run(devices: 0) { h in
      let pages = try await h.client().allPages()
      #expect(pages.isEmpty)
    }
  }

  @Test func aMalformedDeviceFailsAloneInTheMiddleOfAPage() async throws {
    try await SimulatorHarness.run(devices: 30) { h in
      let sorted = h.simulator.devices.map(\.deviceID).sorted()
      h.simulator.setCorrupt(deviceID: sorted[12])
      let pages = try await h.client().allPages()
      let page = try #require(pages.first)
      #expect(page.devices.count == 29)
      #expect(page.failures.count == 1)
      #expect(page.failures.first?.position == 12)
      #expect(page.failures.first?.reason.contains("device_id") == true)
      #expect(!page.devices.map(\.deviceID).contains(sorted[12]))
    }
  }

  @Test func detailsForEveryPlatformDecode() async throws {
    try await SimulatorHarness.run(devices: 200) { h in
      let client = try h.client()
      var seen = Set<String>()
      for device in h.simulator.devices where seen.insert(device.platform.rawValue).inserted {
        let details = try await client.deviceDetails(id: device.deviceID)
        #expect(details.deviceID == device.deviceID)
        #expect(details.serialNumber == device.serialNumber)
        #expect(details.platform == device.platform)
        #expect(details.udid == device.udid)
        #expect(details.supervised == device.supervised)
      }
      #expect(seen.count == 6)
    }
  }

  @Test func unknownDeviceDetailsIsNotFound() async throws {
    try await SimulatorHarness.run(devices: 1) { h in
      await #expect(throws: KandjiError.notFound(path: "/api/v1/devices/missing/details", message: "Not found.")) {
        try await h.client().deviceDetails(id: "missing")
      }
    }
  }

  @Test func consoleURLFollowsTheBaseURL() async throws {
    try await SimulatorHarness.run(devices: 1) { h in
      let client = try h.client()
      #expect(client.consoleURL(deviceID: "d-1") == "\(h.baseURL)/devices/d-1")
    }
  }
}
