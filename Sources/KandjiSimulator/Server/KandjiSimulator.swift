import AssetCore
import Foundation
import KandjiAPI
import Synchronization

/// A simulated Kandji tenant: devices, tokens, rate limits and injectable faults, served over
/// HTTP in Kandji's real shapes (see `KandjiSimulator+Server`). Everything here is also a
/// control interface for tests: add, remove, rename and re-enroll devices, queue faults, read
/// the counters.
public final class KandjiSimulator: Sendable {
  public let configuration: SimulatorConfiguration
  public let generator: TenantGenerator
  /// A token with both device permissions, printed by `assetsync simulate-kandji`.
  public let fullAccessToken: String
  let clock: any WallClock
  let state: Mutex<SimulatorState>
  /// Requests held back by `SimulatorFault.hold`.
  let holds = SimulatorHolds()

  public init(
    configuration: SimulatorConfiguration = SimulatorConfiguration(), clock: any WallClock = SystemClock()
  ) {
    self.configuration = configuration
    self.clock = clock
    generator = TenantGenerator(seed: configuration.seed, referenceDate: configuration.referenceDate)
    var rng = SplitMix64(seed: configuration.seed ^ 0xC0FF_EE00_D15E_A5E5)
    fullAccessToken = rng.uuidString()
    var initial = SimulatorState(
      devices: generator.devices(count: configuration.deviceCount),
      requestsPerSecond: configuration.requestsPerSecond, requestsPerHour: configuration.requestsPerHour)
    initial.tokens[fullAccessToken] = SimulatorToken(secret: fullAccessToken)
    state = Mutex(initial)
  }

  // MARK: Tokens

  /// Accepts `token` from now on (replacing any token with the same secret).
  public func addToken(_ token: SimulatorToken) {
    state.withLock { $0.tokens[token.secret] = token }
  }

  /// A new token with these permissions (and "List Blueprints" only when asked for, as a
  /// Kandji admin ticks it separately); returns its secret.
  @discardableResult
  public func issueToken(
    permissions: Set<KandjiPermission>, missingPermissionStatus: Int = 403, canListBlueprints: Bool = false
  ) -> String {
    let secret = UUID().uuidString.lowercased()
    addToken(
      SimulatorToken(
        secret: secret, permissions: permissions, missingPermissionStatus: missingPermissionStatus,
        canListBlueprints: canListBlueprints))
    return secret
  }

  /// Revokes a token: it answers 401 from now on.
  public func revokeToken(_ secret: String) {
    _ = state.withLock { $0.tokens.removeValue(forKey: secret) }
  }

  // MARK: Devices

  /// Every device, in enrollment order.
  public var devices: [SimulatedDevice] { state.withLock { $0.devices } }

  public func device(id: String) -> SimulatedDevice? {
    state.withLock { s in s.index(of: id).map { s.devices[$0] } }
  }

  /// Enrolls `count` more generated devices and returns them.
  @discardableResult
  public func addDevices(count: Int) -> [SimulatedDevice] {
    state.withLock { s in
      let added = generator.devices(count: count, startingAt: s.nextGeneratedIndex)
      s.nextGeneratedIndex += added.count
      s.devices += added
      s.devicesChanged()
      return added
    }
  }

  /// Enrolls a device exactly as given.
  public func add(_ device: SimulatedDevice) {
    state.withLock { s in
      s.devices.append(device)
      s.devicesChanged()
    }
  }

  /// Deletes a device from the tenant (it disappears from the list). Returns whether it existed.
  @discardableResult
  public func remove(deviceID: String) -> Bool {
    state.withLock { s in
      guard let index = s.index(of: deviceID) else { return false }
      s.devices.remove(at: index)
      s.devicesChanged()
      return true
    }
  }

  /// Changes one device in place. Returns whether it existed.
  @discardableResult
  public func update(deviceID: String, _ change: (inout SimulatedDevice) -> Void) -> Bool {
    state.withLock { s in
      guard let index = s.index(of: deviceID) else { return false }
      change(&s.devices[index])
      s.devicesChanged()
      return true
    }
  }

  @discardableResult
  public func rename(deviceID: String, to name: String) -> Bool {
    update(deviceID: deviceID) { $0.deviceName = name }
  }

  @discardableResult
  public func setOSVersion(deviceID: String, to version: String) -> Bool {
    update(deviceID: deviceID) { $0.osVersion = version }
  }

  @discardableResult
  public func setUser(deviceID: String, to user: SimulatedUser?) -> Bool {
    update(deviceID: deviceID) { $0.user = user }
  }

  /// Replaces the device's tags (`[]`: none).
  @discardableResult
  public func setTags(deviceID: String, to tags: [String]) -> Bool {
    update(deviceID: deviceID) { $0.tags = tags }
  }

  /// Turns FileVault on or off on a Mac (the recovery key counts as escrowed while it is on);
  /// `nil` makes details send `null`, as for devices without FileVault.
  @discardableResult
  public func setFileVault(deviceID: String, enabled: Bool?, keyEscrowed: Bool? = nil) -> Bool {
    update(deviceID: deviceID) {
      $0.fileVaultEnabled = enabled
      $0.fileVaultKeyEscrowed = keyEscrowed ?? (enabled == true)
    }
  }

  /// Puts the device in lost mode (`"ENABLED"`) or takes it out (`""`).
  @discardableResult
  public func setLostMode(deviceID: String, status: String) -> Bool {
    update(deviceID: deviceID) { $0.lostModeStatus = status }
  }

  /// Moves the device to the tenant's blueprint called `name` (its stable id follows), or to a
  /// blueprint with an explicit id.
  @discardableResult
  public func setBlueprint(deviceID: String, name: String, id: String? = nil) -> Bool {
    let blueprintID = id ?? generator.blueprintID(name)
    return update(deviceID: deviceID) {
      $0.blueprintName = name
      $0.blueprintID = blueprintID
    }
  }

  /// Sets the boot volume's free space in gigabytes (kept within the capacity).
  @discardableResult
  public func setStorageFree(deviceID: String, gigabytes: Double) -> Bool {
    update(deviceID: deviceID) { $0.storageFreeGB = min(max(0, gigabytes), $0.storageCapacityGB) }
  }

  /// Makes the device undecodable in the list (wrong-typed `device_id`), or normal again.
  @discardableResult
  public func setCorrupt(deviceID: String, _ corrupt: Bool = true) -> Bool {
    update(deviceID: deviceID) { $0.isCorrupt = corrupt }
  }

  /// Marks the device `is_removed` (Kandji keeps listing it) or clears the mark.
  @discardableResult
  public func markRemoved(deviceID: String, _ removed: Bool = true) -> Bool {
    update(deviceID: deviceID) { $0.isRemoved = removed }
  }

  /// Re-enrolls a device: same hardware and serial number, new `device_id`, fresh enrollment
  /// date. Returns the new id.
  @discardableResult
  public func reEnroll(deviceID: String) -> String? {
    state.withLock { s in
      guard let index = s.index(of: deviceID) else { return nil }
      var rng = SplitMix64(seed: configuration.seed &+ UInt64(s.nextGeneratedIndex) &* 31 &+ 7)
      s.nextGeneratedIndex += 1
      let newID = rng.uuidString()
      s.devices[index].deviceID = newID
      s.devices[index].lastEnrollment = s.devices[index].lastEnrollment.addingTimeInterval(3_600)
      s.devicesChanged()
      return newID
    }
  }

  // MARK: Faults, limits, counters

  /// Queues `fault` for the next `times` requests of `target`.
  public func inject(_ fault: SimulatorFault, on target: SimulatorFaultTarget = .any, times: Int = 1) {
    state.withLock { s in
      for _ in 0..<max(0, times) { s.faults.append((target, fault)) }
    }
  }

  /// Drops every queued fault.
  public func clearFaults() { state.withLock { $0.faults.removeAll() } }

  /// Answers every request held by a `.hold` fault (each gets its normal answer now).
  public func releaseHeldRequests() { holds.release() }

  /// Returns once `count` requests in all have been held by `.hold` faults (the requests a test
  /// wants in flight are).
  public func waitForHeldRequests(_ count: Int = 1) async { await holds.waitForArrivals(count) }

  /// Changes Kong's limits (`nil`: no limit) and starts fresh windows.
  public func setRateLimits(perSecond: Int?, perHour: Int?) {
    state.withLock { s in
      s.requestsPerSecond = perSecond
      s.requestsPerHour = perHour
      s.secondWindow = (-1, 0)
      s.hourWindow = (-1, 0)
    }
  }

  public var stats: SimulatorStats { state.withLock { $0.stats } }

  public func resetStats() { state.withLock { $0.stats = SimulatorStats() } }
}
