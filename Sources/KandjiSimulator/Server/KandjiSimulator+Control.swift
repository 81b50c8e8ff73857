import AssetCore
import Foundation
import KandjiAPI

extension KandjiSimulator {
  /// The control interface over HTTP, for processes that do not share memory with the
  /// simulator (the benchmark, replica tests, the demo). Every call needs the full-access token.
  ///
  /// - `GET /_simulator/stats`, `POST /_simulator/reset-stats`
  /// - `POST /_simulator/devices/add?count=N`; with `serial_number=S` (and optionally
  ///   `platform=Mac|iPad|…`), one device with that serial: a device that moved here from another
  ///   tenant
  /// - `POST /_simulator/devices/{id}/rename?name=…`, `…/os-version?version=…`, `…/remove`,
  ///   `…/re-enroll`, `…/corrupt`, `…/mark-removed`
  /// - issue 19's attributes: `…/tags?tags=a,b` (empty or absent: no tags),
  ///   `…/filevault?enabled=true|false|null&escrowed=true|false`, `…/lost-mode?status=ENABLED`
  ///   (empty: off), `…/blueprint?name=N[&id=UUID]` (without `id`: the tenant's id for N),
  ///   `…/storage-free?gb=12.5`
  /// - `POST /_simulator/faults?kind=status|html404|malformed|truncated|delay&status=…&retry_after=…&ms=…&target=list|details|any&times=N`
  /// - `POST /_simulator/listing-shift?offset=N&remove=R&add=A` arms a fleet change for the next
  ///   device-list request at offset N (`ListingShift`); `GET /_simulator/listing-shift` tells
  ///   what it did (`{"fired": bool, "removed": […], "added": […]}`)
  /// - `POST /_simulator/limits?per_second=…&per_hour=…` (omit one to turn it off)
  /// - `POST /_simulator/tokens?permissions=list,details,blueprints&missing_status=401` →
  ///   `{"token": …}` (`blueprints`: the optional "List Blueprints" permission)
  /// - `POST /_simulator/tokens/{secret}/revoke`
  public func control(method: String, path: String, query: [String: String], authorization: String?)
    -> SimulatorResponse
  {
    guard authorization == "Bearer \(fullAccessToken)" else { return .detail(401, "Invalid token.") }
    let parts = path.split(separator: "/").map(String.init).dropFirst()  // drop "_simulator"
    let isPost = method.uppercased() == "POST"
    switch (isPost, Array(parts)) {
    case (false, ["stats"]):
      let s = stats
      return .json(
        200,
        .object([
          ("requests", .int(s.requests)), ("list_requests", .int(s.listRequests)),
          ("detail_requests", .int(s.detailRequests)), ("blueprint_requests", .int(s.blueprintRequests)),
          ("rate_limited", .int(s.rateLimited)),
          ("denied", .int(s.denied)), ("faults_served", .int(s.faultsServed)),
          ("largest_limit_requested", .int(s.largestLimitRequested)), ("devices", .int(devices.count)),
        ]))
    case (true, ["reset-stats"]):
      resetStats()
      return .json(200, .object([("ok", .bool(true))]))
    case (true, ["devices", "add"]):
      if let serial = query["serial_number"] {
        guard let device = addDevices(count: 1).first,
          update(
            deviceID: device.deviceID,
            {
              $0.serialNumber = serial
              if let platform = query["platform"].flatMap(Platform.init(rawValue:)) { $0.platform = platform }
            })
        else { return .detail(500, "The device could not be added.") }
        return .json(200, .array([.string(device.deviceID)]))
      }
      let added = addDevices(count: min(max(Int(query["count"] ?? "1") ?? 1, 0), 100_000))
      return .json(200, .array(added.map { .string($0.deviceID) }))
    case (true, let p) where p.count == 3 && p[0] == "devices":
      return deviceAction(id: p[1], action: p[2], query: query)
    case (true, ["faults"]):
      guard let fault = Self.fault(from: query) else {
        return .detail(400, "kind must be status, html404, malformed, truncated or delay")
      }
      let target = SimulatorFaultTarget(rawValue: query["target"] ?? "any") ?? .any
      inject(fault, on: target, times: Int(query["times"] ?? "1") ?? 1)
      return .json(200, .object([("ok", .bool(true))]))
    case (true, ["listing-shift"]):
      guard let offset = query["offset"].flatMap({ Int($0) }) else {
        return .detail(400, "offset is required (the page request before which the fleet changes)")
      }
      shiftListing(
        ListingShift(
          offset: offset, remove: query["remove"].flatMap { Int($0) } ?? 0, add: query["add"].flatMap { Int($0) } ?? 0))
      return .json(200, .object([("ok", .bool(true))]))
    case (false, ["listing-shift"]):
      let outcome = listingShiftOutcome
      return .json(
        200,
        .object([
          ("fired", .bool(outcome != nil)), ("removed", .array((outcome?.removed ?? []).map { .string($0) })),
          ("added", .array((outcome?.added ?? []).map { .string($0) })),
        ]))
    case (true, ["limits"]):
      setRateLimits(perSecond: query["per_second"].flatMap { Int($0) }, perHour: query["per_hour"].flatMap { Int($0) })
      return .json(200, .object([("ok", .bool(true))]))
    case (true, ["tokens"]):
      let names = (query["permissions"] ?? "list,details").split(separator: ",")
      var permissions = Set<KandjiPermission>()
      if names.contains("list") { permissions.insert(.deviceList) }
      if names.contains("details") { permissions.insert(.deviceDetails) }
      let secret = issueToken(
        permissions: permissions, missingPermissionStatus: Int(query["missing_status"] ?? "403") ?? 403,
        canListBlueprints: names.contains("blueprints"))
      return .json(200, .object([("token", .string(secret))]))
    case (true, let p) where p.count == 3 && p[0] == "tokens" && p[2] == "revoke":
      revokeToken(p[1])
      return .json(200, .object([("ok", .bool(true))]))
    default:
      return .detail(404, "Unknown simulator control call.")
    }
  }

  private func deviceAction(id: String, action: String, query: [String: String]) -> SimulatorResponse {
    let found: Bool
    var extra: [(String, JSONValue)] = []
    switch action {
    case "rename": found = rename(deviceID: id, to: query["name"] ?? "Renamed device")
    case "os-version": found = setOSVersion(deviceID: id, to: query["version"] ?? "99.0")
    case "remove": found = remove(deviceID: id)
    case "corrupt": found = setCorrupt(deviceID: id)
    case "mark-removed": found = markRemoved(deviceID: id)
    case "tags":
      let tags = (query["tags"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      found = setTags(deviceID: id, to: tags.filter { !$0.isEmpty })
    case "filevault":
      let enabled: Bool?
      switch query["enabled"]?.lowercased() {
      case "true", "1", "yes", "on": enabled = true
      case "false", "0", "no", "off": enabled = false
      case "null", "none": enabled = nil
      default: return .detail(400, "enabled must be true, false or null")
      }
      let escrowed = query["escrowed"].map { ["true", "1", "yes"].contains($0.lowercased()) }
      found = setFileVault(deviceID: id, enabled: enabled, keyEscrowed: escrowed)
    case "lost-mode": found = setLostMode(deviceID: id, status: query["status"] ?? "")
    case "blueprint":
      guard let name = query["name"], !name.isEmpty else { return .detail(400, "name is required") }
      found = setBlueprint(deviceID: id, name: name, id: query["id"].flatMap { $0.isEmpty ? nil : $0 })
    case "storage-free":
      guard let gigabytes = query["gb"].flatMap(Double.init), gigabytes.isFinite else {
        return .detail(400, "gb must be a number")
      }
      found = setStorageFree(deviceID: id, gigabytes: gigabytes)
    case "re-enroll":
      let newID = reEnroll(deviceID: id)
      found = newID != nil
      if let newID { extra.append(("device_id", .string(newID))) }
    default: return .detail(404, "Unknown device action \(action).")
    }
    return found ? .json(200, .object([("ok", .bool(true))] + extra)) : .detail(404, "Not found.")
  }

  private static func fault(from query: [String: String]) -> SimulatorFault? {
    switch query["kind"] {
    case "status":
      Int(query["status"] ?? "500").map { .status($0, retryAfter: query["retry_after"].flatMap { Int($0) }) }
    case "html404": .htmlNotFound
    case "malformed": .malformedBody
    case "truncated": .truncatedBody
    case "delay": .delay(.milliseconds(Int(query["ms"] ?? "1000") ?? 1_000))
    default: nil
    }
  }
}
