import AssetCore
import Foundation

/// Builds a deterministic tenant: device `i` of seed `s` is always the same device, whatever
/// the fleet size, so tests and benchmarks can rely on exact values.
///
/// About a tenth of devices have no user (`""` in the list); people own one to three devices,
/// so users are shared; a third have no asset tag; a few check in with `""`, use the legacy
/// integer user id, are missing or were never supervised. Issue 19's attributes (tags, lost
/// mode, FileVault, storage, …) come from a second random stream (`addAttributes`), so adding
/// them left every earlier value of every device unchanged.
public struct TenantGenerator: Sendable {
  public let seed: UInt64
  /// The moment the tenant's timestamps are relative to.
  public let referenceDate: Date

  public init(seed: UInt64 = 42, referenceDate: Date = Date(timeIntervalSince1970: 1_785_000_000)) {
    self.seed = seed
    self.referenceDate = referenceDate
  }

  public func devices(count: Int, startingAt first: Int = 0) -> [SimulatedDevice] {
    (first..<first + max(0, count)).map(device(at:))
  }

  public func device(at index: Int) -> SimulatedDevice {
    var rng = SplitMix64(seed: seed &* 0x100_0000_01B3 &+ UInt64(index) &* 0x9E37_79B9)
    let platform = pickPlatform(&rng)
    let model = rng.pick(TenantCatalog.models[platform]!)
    let release = rng.pick(TenantCatalog.releases[platform]!)
    let user = rng.chance(0.1) ? nil : self.user(number: index / 2 + Int(rng.next() % 3))
    let enrolled = referenceDate.addingTimeInterval(
      -Double(rng.next() % (900 * 86_400)) - 86_400 + Double(rng.next() % 1_000_000) / 1_000_000)
    let reEnrolled = rng.chance(0.3) ? enrolled.addingTimeInterval(Double(rng.next() % (60 * 86_400))) : enrolled
    let checkIn: Date? =
      rng.chance(0.01) ? nil : referenceDate.addingTimeInterval(-Double(rng.next() % (14 * 86_400)) - 0.150080)
    let blueprint = rng.pick(TenantCatalog.blueprints)
    let apple = platform.isApple
    let agent = platform == .mac && rng.chance(0.97)
    var device = SimulatedDevice(
      deviceID: rng.uuidString(),
      deviceName: name(platform: platform, model: model.name, user: user, index: index, rng: &rng),
      platform: platform,
      model: model.name,
      modelIdentifier: model.identifier,
      serialNumber: serial(platform: platform, rng: &rng),
      osVersion: release.version,
      buildVersion: apple ? release.build : "",
      lastCheckIn: checkIn,
      user: user,
      assetTag: rng.chance(0.35) ? "" : "\(rng.pick(TenantCatalog.departments))-\(10_000 + index)",
      blueprintID: blueprintID(blueprint),
      blueprintName: blueprint,
      mdmEnabled: true,
      agentInstalled: agent,
      agentVersion: agent ? rng.pick(["4.5.9 (5160)", "4.6.2 (5234)", "4.7.0 (5301)"]) : "",
      isMissing: rng.chance(0.04),
      isRemoved: false,
      firstEnrollment: enrolled,
      lastEnrollment: reEnrolled,
      supervised: apple && platform != .appleTV ? rng.chance(0.9) : nil,
      udid: apple ? udid(platform: platform, rng: &rng) : nil,
      autoEnrolled: apple && rng.chance(0.8),
      tags: []
    )
    addAttributes(to: &device, index: index, release: release)
    return device
  }

  /// The `n`-th person of the tenant; the same `n` is always the same person.
  public func user(number n: Int) -> SimulatedUser {
    var rng = SplitMix64(seed: seed ^ 0xA5A5_5A5A &+ UInt64(n) &* 0x2545_F491)
    let first = rng.pick(TenantCatalog.firstNames)
    let last = rng.pick(TenantCatalog.lastNames)
    let local = "\(first).\(last)".lowercased().folding(options: .diacriticInsensitive, locale: nil)
      .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "'", with: "")
    return SimulatedUser(
      id: rng.uuidString(), email: "\(local)\(n)@example.com", name: "\(first) \(last)",
      isArchived: rng.chance(0.02), legacyIntegerID: rng.chance(0.03) ? n + 1 : nil)
  }

  private func pickPlatform(_ rng: inout SplitMix64) -> Platform {
    var roll = Int(rng.next() % 100)
    for (platform, share) in TenantCatalog.platformShares {
      if roll < share { return platform }
      roll -= share
    }
    return .mac
  }

  private func name(platform: Platform, model: String, user: SimulatedUser?, index: Int, rng: inout SplitMix64)
    -> String
  {
    let owner = user.map { String($0.name.split(separator: " ").first ?? "") }
    let apostrophe = rng.chance(0.5) ? "’" : "'"
    switch platform {
    case .mac, .iPhone, .iPad:
      let kind = model.split(separator: " ").prefix(platform == .mac ? 2 : 1).joined(separator: " ")
      if let owner { return "\(owner)\(apostrophe)s \(kind)" }
      return "\(kind.replacingOccurrences(of: " ", with: "-").uppercased())-\(String(format: "%04d", index % 10_000))"
    case .appleTV: return "ATV-\(rng.pick(["Boardroom", "Lobby", "Lab", "Studio"]))-\(index % 100)"
    case .android: return "\(model) \(rng.token(4))"
    case .windows: return "DESKTOP-\(rng.token(7))"
    }
  }

  private func serial(platform: Platform, rng: inout SplitMix64) -> String {
    switch platform {
    case .android: return rng.token(14, alphabet: "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    case .windows: return "PF" + rng.token(6)
    default: return rng.token(rng.chance(0.5) ? 10 : 12)
    }
  }

  private func udid(platform: Platform, rng: inout SplitMix64) -> String {
    if platform == .mac { return rng.uuidString().lowercased() }
    return "0000" + rng.token(4, alphabet: "0123456789") + "-" + rng.token(16, alphabet: "0123456789abcdef")
  }

  /// The tenant's blueprints, in catalogue order, with their stable ids (the same seed always
  /// gives the same ids): what `GET /api/v1/blueprints` lists, devices or not.
  public var blueprints: [(id: String, name: String)] {
    TenantCatalog.blueprints.map { (blueprintID($0), $0) }
  }

  /// The id of the blueprint called `name` in this tenant.
  public func blueprintID(_ name: String) -> String {
    var rng = SplitMix64(
      seed: seed &+ UInt64(truncatingIfNeeded: name.utf8.reduce(5381) { ($0 << 5) &+ $0 &+ Int($1) }))
    return rng.uuidString()
  }
}
