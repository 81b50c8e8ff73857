import AssetCore
import Foundation

/// One Kandji tenant feeding the helpdesk (R22): its credentials, mapping, schedule, pacing and
/// enabled flag. Its assets, runs, reports and API budget are its own.
public struct KandjiConnection: Sendable, Hashable, Identifiable {
  public var id: Int64
  public var name: String
  /// The tenant's API URL as entered (normalised when used).
  public var apiURL: String?
  /// The API token, sealed with the instance's key (R4); never returned by any API.
  public var sealedToken: String?
  public var tokenSetAt: Date?
  /// Disabled: no runs; its assets stay, read-only (R21).
  public var enabled: Bool
  public var settings: ConnectionSettings
  /// Set when removed: hidden, its assets retired, its history kept.
  public var removedAt: Date?
  public var createdAt: Date

  public init(
    id: Int64, name: String, apiURL: String? = nil, sealedToken: String? = nil, tokenSetAt: Date? = nil,
    enabled: Bool = true, settings: ConnectionSettings = ConnectionSettings(), removedAt: Date? = nil, createdAt: Date
  ) {
    self.id = id
    self.name = name
    self.apiURL = apiURL
    self.sealedToken = sealedToken
    self.tokenSetAt = tokenSetAt
    self.enabled = enabled
    self.settings = settings
    self.removedAt = removedAt
    self.createdAt = createdAt
  }

  public var isRemoved: Bool { removedAt != nil }
  /// Credentials saved (authorized), whatever else is missing.
  public var isAuthorized: Bool { apiURL != nil && sealedToken != nil }
  /// Ready to sync: enabled, not removed, credentials and mapping saved.
  public var isReadyToSync: Bool { enabled && !isRemoved && isAuthorized && settings.mapping != nil }
}

/// A connection to create.
public struct KandjiConnectionDraft: Sendable, Hashable {
  public var name: String
  public var apiURL: String?
  public var sealedToken: String?
  public var enabled: Bool
  public var settings: ConnectionSettings

  public init(
    name: String, apiURL: String? = nil, sealedToken: String? = nil, enabled: Bool = true,
    settings: ConnectionSettings = ConnectionSettings()
  ) {
    self.name = name
    self.apiURL = apiURL
    self.sealedToken = sealedToken
    self.enabled = enabled
    self.settings = settings
  }
}

/// A connection's settings, stored as one JSON document. Its keys are those earlier releases
/// used for the single tenant, so migration v6 copies that document whole; keys missing from
/// an older document take their defaults.
public struct ConnectionSettings: Sendable, Hashable, Codable {
  public var mapping: FieldMapping?
  public var schedule = SyncSchedule()
  /// Details calls spent per daily run on refreshing the oldest details.
  public var detailsRefreshPerRun = 0
  /// The rotation (issue 19): every device's details are read again at most this many days
  /// after the last read — each run (not a quick refresh) re-reads the ⌈devices / D⌉ oldest.
  /// nil: off (`detailsRefreshPerRun` applies); when set, it replaces `detailsRefreshPerRun`.
  public var detailsMaxAgeDays: Int?
  /// Pacing (R24): at most this many calls a second and an hour (Kandji allows 50 and 10,000 per
  /// tenant, shared by every integration).
  public var requestsPerSecond = 40
  public var requestsPerHour = 9_000
  /// Minutes between quick list-only refreshes (R23); 0 turns them off.
  public var refreshMinutes = 15
  /// The last `authorize` diagnosis and when it ran.
  public var lastAuthorizationCode: String?
  public var lastAuthorizationMessage: String?
  public var lastAuthorizedAt: Date?
  /// The Kandji attributes this connection's assets show, in order (issue 19); `nil` until an
  /// admin chooses: `KandjiAttributeCatalogue.defaultKeys`, the 13 of earlier releases.
  public var fieldKeys: [String]?
  /// The console's base URL for this connection's links (issue 19), normalised
  /// (`ConsoleURL`); `nil` derives it from the API host.
  public var consoleURL: String?
  /// The blueprints this connection syncs (issue 19); empty syncs every blueprint. Devices of
  /// other blueprints are retired "outside this connection's blueprints".
  public var blueprintIDs: [String] = []
  /// Blueprint names by id, as last seen in listings or `GET /api/v1/blueprints`, for choosing.
  public var blueprintNames: [String: String] = [:]
  /// Whether the token has the optional "List Blueprints" permission (last check; nil: unknown).
  public var listBlueprintsPermitted: Bool?

  public init() {}

  enum CodingKeys: String, CodingKey {
    case mapping, schedule, detailsRefreshPerRun, requestsPerSecond, requestsPerHour, refreshMinutes
    case detailsMaxAgeDays
    case lastAuthorizationCode, lastAuthorizationMessage, lastAuthorizedAt
    case fieldKeys
    case consoleURL, blueprintIDs, blueprintNames, listBlueprintsPermitted
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = ConnectionSettings()
    mapping = try c.decodeIfPresent(FieldMapping.self, forKey: .mapping)
    schedule = try c.decodeIfPresent(SyncSchedule.self, forKey: .schedule) ?? defaults.schedule
    detailsRefreshPerRun = try c.decodeIfPresent(Int.self, forKey: .detailsRefreshPerRun) ?? 0
    detailsMaxAgeDays = try c.decodeIfPresent(Int.self, forKey: .detailsMaxAgeDays)
    requestsPerSecond = try c.decodeIfPresent(Int.self, forKey: .requestsPerSecond) ?? defaults.requestsPerSecond
    requestsPerHour = try c.decodeIfPresent(Int.self, forKey: .requestsPerHour) ?? defaults.requestsPerHour
    refreshMinutes = try c.decodeIfPresent(Int.self, forKey: .refreshMinutes) ?? defaults.refreshMinutes
    lastAuthorizationCode = try c.decodeIfPresent(String.self, forKey: .lastAuthorizationCode)
    lastAuthorizationMessage = try c.decodeIfPresent(String.self, forKey: .lastAuthorizationMessage)
    lastAuthorizedAt = try c.decodeIfPresent(Date.self, forKey: .lastAuthorizedAt)
    fieldKeys = try c.decodeIfPresent([String].self, forKey: .fieldKeys)
    consoleURL = try c.decodeIfPresent(String.self, forKey: .consoleURL)
    blueprintIDs = try c.decodeIfPresent([String].self, forKey: .blueprintIDs) ?? []
    blueprintNames = try c.decodeIfPresent([String: String].self, forKey: .blueprintNames) ?? [:]
    listBlueprintsPermitted = try c.decodeIfPresent(Bool.self, forKey: .listBlueprintsPermitted)
  }
}
