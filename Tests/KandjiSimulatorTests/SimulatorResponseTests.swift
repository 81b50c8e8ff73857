import AssetCore
import Foundation
import KandjiAPI
import Testing

@testable import KandjiSimulator

@Suite("The simulator answers in Kandji's real shapes")
struct SimulatorResponseTests {
  let clock = ManualClock()

  private func simulator(devices: Int = 400, perSecond: Int? = nil, perHour: Int? = nil) -> KandjiSimulator {
    KandjiSimulator(
      configuration: SimulatorConfiguration(
        deviceCount: devices, requestsPerSecond: perSecond, requestsPerHour: perHour),
      clock: clock)
  }

  private func get(_ sim: KandjiSimulator, _ path: String, _ query: [String: String] = [:], token: String? = nil)
    -> SimulatorResponse
  {
    sim.respond(to: SimulatorRequest(path: path, query: query, authorization: "Bearer \(token ?? sim.fullAccessToken)"))
  }

  @Test func listIsABareArrayCappedAt300() throws {
    let sim = simulator()
    let response = get(sim, "/api/v1/devices", ["limit": "1000"])
    #expect(response.status == 200)
    let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [[String: Any]])
    #expect(array.count == 300)
    #expect(get(sim, "/api/v1/devices", ["limit": "abc"]).body.filter { $0 == "{" }.count >= 300)
    #expect(get(sim, "/api/v1/devices", ["offset": "400"]).body == "[]")
  }

  @Test func userIsAnObjectOrEmptyString() throws {
    let sim = simulator()
    let body = get(sim, "/api/v1/devices", ["limit": "300"]).body
    #expect(body.contains(#""user":"""#))
    #expect(body.contains(#""user":{"email""#))
  }

  @Test func everyPlatformsListAndDetailsDecode() throws {
    let sim = simulator()
    var platforms = Set<Platform>()
    for device in sim.devices where platforms.insert(device.platform).inserted {
      let list = try DevicePageDecoder.decode(
        Array(get(sim, "/api/v1/devices", ["device_id": device.deviceID]).body.utf8), offset: 0)
      let decoded = try #require(list.devices.first)
      #expect(decoded.deviceID == device.deviceID)
      #expect(decoded.platform == device.platform)
      #expect(decoded.user?.email == device.user?.email)
      #expect(decoded.assetTag == (device.assetTag.isEmpty ? nil : device.assetTag))
      let detailsBody = get(sim, "/api/v1/devices/\(device.deviceID)/details").body
      let details = try JSONDecoder().decode(KandjiDeviceDetails.self, from: Data(detailsBody.utf8))
      #expect(details.udid == device.udid)
      #expect(details.supervised == device.supervised)
      #expect(details.serialNumber == device.serialNumber)
      if device.platform == .appleTV { #expect(!detailsBody.contains("\"supervised\"")) }
      if device.platform == .mac { #expect(detailsBody.contains("\"udid\"")) }
      if device.platform == .iPad { #expect(detailsBody.contains("\"uuid\"")) }
      if device.platform == .android { #expect(detailsBody.contains("\"management\"")) }
    }
    #expect(platforms.count == 6)
  }

  @Test func filtersAndOrdering() throws {
    let sim = simulator()
    let macs = try DevicePageDecoder.decode(
      Array(get(sim, "/api/v1/devices", ["platform": "mac"]).body.utf8), offset: 0)
    #expect(!macs.devices.isEmpty && macs.devices.allSatisfy { $0.platform == .mac })
    let serial = String(sim.devices[3].serialNumber.prefix(6))
    let bySerial = try DevicePageDecoder.decode(
      Array(get(sim, "/api/v1/devices", ["serial_number": serial.lowercased()]).body.utf8), offset: 0)
    #expect(bySerial.devices.contains { $0.deviceID == sim.devices[3].deviceID })
    let ordered = try DevicePageDecoder.decode(
      Array(get(sim, "/api/v1/devices", ["ordering": "-serial_number"]).body.utf8), offset: 0)
    let serials = ordered.devices.compactMap(\.serialNumber)
    #expect(serials == serials.sorted(by: >))
  }

  @Test func authenticationAndPermissions() {
    let sim = simulator(devices: 3)
    #expect(sim.respond(to: SimulatorRequest(path: "/api/v1/devices")).status == 401)
    #expect(get(sim, "/api/v1/devices", token: "nope").status == 401)
    let listOnly = sim.issueToken(permissions: [.deviceList])
    let id = sim.devices[0].deviceID
    #expect(get(sim, "/api/v1/devices", token: listOnly).status == 200)
    #expect(get(sim, "/api/v1/devices/\(id)/details", token: listOnly).status == 403)
    let listOnly401 = sim.issueToken(permissions: [.deviceList], missingPermissionStatus: 401)
    #expect(get(sim, "/api/v1/devices/\(id)/details", token: listOnly401).status == 401)
    #expect(get(sim, "/api/v1/nothing").status == 404)
    #expect(sim.stats.denied == 4)
  }

  @Test func kongRateLimitsWithHeaders() {
    let sim = simulator(devices: 3, perSecond: 2, perHour: 100)
    let first = get(sim, "/api/v1/devices")
    #expect(first.headers.contains { $0 == ("X-Ratelimit-Remaining-Second", "1") })
    #expect(first.headers.contains { $0 == ("X-Ratelimit-Limit-Hour", "100") })
    _ = get(sim, "/api/v1/devices")
    let third = get(sim, "/api/v1/devices")
    #expect(third.status == 429)
    #expect(third.body == #"{"message":"API rate limit exceeded"}"#)
    #expect(third.headers.contains { $0 == ("Retry-After", "1") })
    clock.advance(by: .seconds(1))
    #expect(get(sim, "/api/v1/devices").status == 200)
    #expect(sim.stats.rateLimited == 1)
  }

  @Test func controlChangesTheTenant() throws {
    let sim = simulator(devices: 5)
    let target = sim.devices[2]
    #expect(sim.rename(deviceID: target.deviceID, to: "Renamed"))
    #expect(sim.device(id: target.deviceID)?.deviceName == "Renamed")
    let newID = try #require(sim.reEnroll(deviceID: target.deviceID))
    #expect(newID != target.deviceID)
    #expect(sim.device(id: newID)?.serialNumber == target.serialNumber)
    #expect(sim.device(id: target.deviceID) == nil)
    #expect(sim.remove(deviceID: newID))
    #expect(sim.devices.count == 4)
    let added = sim.addDevices(count: 3)
    #expect(sim.devices.count == 7)
    #expect(Set(added.map(\.deviceID)).isDisjoint(with: Set(sim.devices.prefix(4).map(\.deviceID))))
    #expect(!sim.rename(deviceID: "missing", to: "x"))
  }

  @Test func faultsAreServedInOrderToMatchingRequests() {
    let sim = simulator(devices: 3)
    sim.inject(.status(500), on: .details)
    sim.inject(.status(429, retryAfter: 3), on: .list)
    let limited = get(sim, "/api/v1/devices")
    #expect(limited.status == 429)
    #expect(limited.headers.contains { $0 == ("Retry-After", "3") })
    #expect(get(sim, "/api/v1/devices").status == 200)
    #expect(get(sim, "/api/v1/devices/\(sim.devices[0].deviceID)/details").status == 500)
    #expect(sim.stats.faultsServed == 2)
  }

  @Test func httpControlInterfaceNeedsTheToken() throws {
    let sim = simulator(devices: 2)
    #expect(sim.control(method: "GET", path: "/_simulator/stats", query: [:], authorization: nil).status == 401)
    let auth = "Bearer \(sim.fullAccessToken)"
    let issued = sim.control(
      method: "POST", path: "/_simulator/tokens", query: ["permissions": "list"], authorization: auth)
    #expect(issued.status == 200)
    let id = sim.devices[0].deviceID
    let renamed = sim.control(
      method: "POST", path: "/_simulator/devices/\(id)/rename", query: ["name": "Via HTTP"], authorization: auth)
    #expect(renamed.status == 200)
    #expect(sim.device(id: id)?.deviceName == "Via HTTP")
    let fault = sim.control(
      method: "POST", path: "/_simulator/faults", query: ["kind": "status", "status": "503"], authorization: auth)
    #expect(fault.status == 200)
    #expect(get(sim, "/api/v1/devices").status == 503)
    let stats = sim.control(method: "GET", path: "/_simulator/stats", query: [:], authorization: auth)
    #expect(stats.body.contains(#""list_requests":1"#))
    #expect(
      sim.control(method: "POST", path: "/_simulator/faults", query: ["kind": "bogus"], authorization: auth).status
        == 400)
  }
}
