import Foundation
import KandjiAPI

/// How the simulated tenant is set up.
public struct SimulatorConfiguration: Sendable {
  /// Devices generated at start.
  public var deviceCount: Int
  /// Same seed, same tenant.
  public var seed: UInt64
  /// Kong's limits; `nil` turns a window off.
  public var requestsPerSecond: Int?
  public var requestsPerHour: Int?
  /// Real delay added to every answer.
  public var latency: Duration
  /// Whether every list record carries Android/Windows fields (blank on Apple devices).
  public var polymorphicList: Bool
  /// The "now" of the generated tenant: check-ins fall in the 14 days before it. Fixed by
  /// default so tests see the same values; the CLI passes today.
  public var referenceDate: Date

  public init(
    deviceCount: Int = 500, seed: UInt64 = 42, requestsPerSecond: Int? = 50, requestsPerHour: Int? = 10_000,
    latency: Duration = .zero, polymorphicList: Bool = true,
    referenceDate: Date = Date(timeIntervalSince1970: 1_785_000_000)
  ) {
    self.referenceDate = referenceDate
    self.deviceCount = max(0, deviceCount)
    self.seed = seed
    self.requestsPerSecond = requestsPerSecond
    self.requestsPerHour = requestsPerHour
    self.latency = latency
    self.polymorphicList = polymorphicList
  }
}

/// An API token the simulated tenant accepts, with its permissions.
public struct SimulatorToken: Sendable, Hashable {
  public var secret: String
  public var permissions: Set<KandjiPermission>
  /// What a missing permission answers: 403 (Kandji's documented answer) or 401 (what some
  /// integrations have reported seeing).
  public var missingPermissionStatus: Int
  /// The optional "List Blueprints" permission (`GET /api/v1/blueprints`).
  public var canListBlueprints: Bool

  public init(
    secret: String, permissions: Set<KandjiPermission> = Set(KandjiPermission.allCases),
    missingPermissionStatus: Int = 403, canListBlueprints: Bool = true
  ) {
    self.secret = secret
    self.permissions = permissions
    self.missingPermissionStatus = missingPermissionStatus
    self.canListBlueprints = canListBlueprints
  }
}
