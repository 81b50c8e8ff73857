/// The simulator's mutable state, always used under its lock.
struct SimulatorState {
  var devices: [SimulatedDevice]
  /// Devices sorted by an `ordering` value, built on first use and dropped on any change, so
  /// paging through 100,000 devices sorts once, not once per page.
  var sortedCache: [String: [SimulatedDevice]] = [:]
  var tokens: [String: SimulatorToken] = [:]
  var faults: [(target: SimulatorFaultTarget, fault: SimulatorFault)] = []
  var stats = SimulatorStats()
  /// The generator index of the next device `addDevices` creates.
  var nextGeneratedIndex: Int
  var requestsPerSecond: Int?
  var requestsPerHour: Int?
  /// Fleet changes waiting for their page requests, in order, and what the fired ones did.
  var listingShifts: [ListingShift] = []
  var listingShiftOutcome: ListingShiftOutcome?
  /// A proxy or API version that drops the `device_id` filter: the list answers unfiltered.
  var ignoresDeviceIDFilter = false
  var secondWindow: (index: Int64, count: Int) = (-1, 0)
  var hourWindow: (index: Int64, count: Int) = (-1, 0)

  init(devices: [SimulatedDevice], requestsPerSecond: Int?, requestsPerHour: Int?) {
    self.devices = devices
    self.nextGeneratedIndex = devices.count
    self.requestsPerSecond = requestsPerSecond
    self.requestsPerHour = requestsPerHour
  }

  /// Position of each device id in `devices`, rebuilt after a change: details calls look devices
  /// up one by one, and a linear search made a 100,000-device import quadratic.
  var positions: [String: Int]?

  mutating func devicesChanged() {
    sortedCache.removeAll()
    positions = nil
  }

  mutating func index(of deviceID: String) -> Int? {
    if positions == nil {
      positions = Dictionary(devices.enumerated().map { ($1.deviceID, $0) }, uniquingKeysWith: { first, _ in first })
    }
    return positions?[deviceID]
  }

  /// Takes the first queued fault for this kind of request.
  mutating func takeFault(for target: SimulatorFaultTarget) -> SimulatorFault? {
    guard let position = faults.firstIndex(where: { $0.target == .any || $0.target == target }) else { return nil }
    return faults.remove(at: position).fault
  }

  /// The devices in the order `ordering` asks for (`device_id`, `-serial_number`, …; comma-joined
  /// keys; unknown keys are ignored as Django REST Framework does). No ordering: enrollment order.
  mutating func ordered(by ordering: String?) -> [SimulatedDevice] {
    let keys = (ordering ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { Self.sortKeys.contains($0.hasPrefix("-") ? String($0.dropFirst()) : $0) }
    guard !keys.isEmpty else { return devices }
    let cacheKey = keys.joined(separator: ",")
    if let cached = sortedCache[cacheKey] { return cached }
    let sorted = devices.sorted { a, b in
      for key in keys {
        let descending = key.hasPrefix("-")
        let field = descending ? String(key.dropFirst()) : key
        let (x, y) = (Self.sortValue(a, field), Self.sortValue(b, field))
        if x != y { return descending ? x > y : x < y }
      }
      return false
    }
    sortedCache[cacheKey] = sorted
    return sorted
  }

  static let sortKeys: Set<String> = [
    "asset_tag", "blueprint_id", "device_id", "device_name", "last_check_in", "model", "platform", "os_version",
    "serial_number", "user",
  ]

  private static func sortValue(_ device: SimulatedDevice, _ field: String) -> String {
    switch field {
    case "asset_tag": device.assetTag
    case "blueprint_id": device.blueprintID
    case "device_name": device.deviceName
    case "last_check_in": device.lastCheckIn.map { String(format: "%020.6f", $0.timeIntervalSince1970) } ?? ""
    case "model": device.model
    case "platform": device.platform.rawValue
    case "os_version": device.osVersion
    case "serial_number": device.serialNumber
    case "user": device.user?.email ?? ""
    default: device.deviceID
    }
  }
}
