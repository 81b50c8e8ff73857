import AssetCore
import Foundation

/// The Kandji app's settings (R1–R8, R21), stored as one JSON document.
public struct KandjiSettings: Sendable, Hashable, Codable {
  public var installed = false
  /// Disabled: no sync runs; imported assets stay (R21).
  public var enabled = false
  /// The tenant's API URL as the admin entered it (normalised when used).
  public var apiURL: String?
  /// The API token, sealed with the instance's key (R4); never returned by any API.
  public var sealedToken: String?
  public var tokenSetAt: Date?
  public var mapping: FieldMapping?
  public var schedule = SyncSchedule()
  /// Details calls spent per run on refreshing the oldest details (beyond new and re-enrolled
  /// devices).
  public var detailsRefreshPerRun = 0
  /// The last `authorize` diagnosis (code and message) and when it ran.
  public var lastAuthorizationCode: String?
  public var lastAuthorizationMessage: String?
  public var lastAuthorizedAt: Date?

  public init() {}

  /// Ready to sync: installed, enabled, credentials and mapping saved.
  public var isReadyToSync: Bool { installed && enabled && apiURL != nil && sealedToken != nil && mapping != nil }
}
