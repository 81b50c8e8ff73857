import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import SyncService

/// The Kandji app's JSON: sync runs and connections (tenants). Never the token: only whether one
/// is set and when (R4).
extension Representation {
  static func syncRun(_ run: SyncRun, progress: SyncProgress? = nil) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("id", .int(Int(run.id))), ("tenant_id", run.connectionID.map { .int(Int($0)) } ?? .null),
      ("trigger", .string(run.trigger.rawValue)), ("status", .string(run.status.rawValue)),
      ("started_at", date(run.startedAt)), ("finished_at", date(run.finishedAt)),
      ("duration_seconds", run.duration.map { .double(($0 * 10).rounded() / 10) } ?? .null),
      ("error", .string(run.error)),
      (
        "totals",
        .object(
          SyncOutcome.allCases.map { ($0.rawValue, .int(run.totals[$0])) } + [("devices", .int(run.totals.devices))])
      ),
      (
        "kandji_requests",
        .object([
          ("list", .int(run.listRequests)), ("details", .int(run.detailRequests)), ("retries", .int(run.retries)),
          ("rate_limited", .int(run.rateLimited)),
        ])
      ),
      ("pages", .int(run.pages)), ("asset_writes", .int(run.assetWrites)),
      ("details_pending", .int(run.detailsPending)),
      ("listing_complete", .bool(run.listingComplete)),
    ]
    if let progress, run.status == .running {
      members.append(
        (
          "progress",
          .object([
            ("phase", .string(progress.phase.rawValue)), ("pages", .int(progress.pages)),
            ("devices_listed", .int(progress.devicesListed)), ("details_done", .int(progress.detailsDone)),
            ("details_remaining", .int(progress.detailsRemaining)),
            ("waiting_until", date(progress.waitingUntil)), ("waiting_for", .string(progress.waitingReason)),
          ])
        ))
    }
    return .object(members)
  }

  static func mapping(_ mapping: FieldMapping) -> JSONValue {
    .object([
      ("name_source", .string(mapping.nameSource.rawValue)),
      ("display_id_source", .string(mapping.displayIDSource.rawValue)),
    ])
  }

  static func schedule(_ settings: ConnectionSettings, next: Date?) -> JSONValue {
    .object([
      ("hour", .int(settings.schedule.hour)), ("minute", .int(settings.schedule.minute)),
      ("time_zone", .string(settings.schedule.timeZone)), ("next_run_at", date(next)),
      ("details_refresh_per_run", .int(settings.detailsRefreshPerRun)),
      ("details_max_age_days", settings.detailsMaxAgeDays.map { .int($0) } ?? .null),
    ])
  }

  static func lastAuthorization(_ settings: ConnectionSettings) -> JSONValue {
    guard let code = settings.lastAuthorizationCode else { return .null }
    return .object([
      ("code", .string(code)), ("message", .string(settings.lastAuthorizationMessage)),
      ("at", date(settings.lastAuthorizedAt)),
      // The optional "List Blueprints" permission (issue 19): true, false, or null (not known).
      ("list_blueprints", settings.listBlueprintsPermitted.map { .bool($0) } ?? .null),
    ])
  }

  /// One connection as `apps/kandji/tenants/` shows it.
  static func tenant(_ status: TenantStatus) -> JSONValue {
    let c = status.connection
    return .object(
      [
        ("id", .int(Int(c.id))), ("name", .string(c.name)), ("api_url", .string(c.apiURL)),
        ("token_set", .bool(c.sealedToken != nil)), ("token_set_at", date(c.tokenSetAt)), ("enabled", .bool(c.enabled)),
        ("mapping", c.settings.mapping.map(mapping) ?? .null), ("schedule", schedule(c.settings, next: status.nextRun)),
        (
          "pacing",
          .object([
            ("requests_per_second", .int(c.settings.requestsPerSecond)),
            ("requests_per_hour", .int(c.settings.requestsPerHour)),
          ])
        ),
        ("refresh_minutes", .int(c.settings.refreshMinutes)),
      ] + scopeMembers(c) + [
        (
          "budget",
          .object([
            ("calls_last_hour", .int(status.callsLastHour)), ("requests_per_hour", .int(c.settings.requestsPerHour)),
          ])
        ),
        ("last_authorization", lastAuthorization(c.settings)),
        ("running_sync_run", status.running.map { syncRun($0, progress: status.progress) } ?? .null),
        ("last_sync_run", status.lastRun.map { syncRun($0) } ?? .null),
        ("created_at", date(c.createdAt)),
      ])
  }

  /// A synced asset's connection: `source_tenant {id, name}` (R22).
  static func sourceTenant(_ source: SourceTenant?) -> JSONValue {
    guard let source else { return .null }
    return .object([("id", .int(Int(source.id))), ("name", .string(source.name))])
  }
}

/// A connection with what its JSON and page show besides itself.
struct TenantStatus: Sendable {
  var connection: KandjiConnection
  var running: SyncRun?
  var lastRun: SyncRun?
  var progress: SyncProgress?
  var nextRun: Date?
  var callsLastHour: Int

  static func load(_ connection: KandjiConnection, services: AppServices) async throws -> TenantStatus {
    let store = services.store
    let runs = try await store.syncRuns(connectionID: connection.id, limit: 5)
    let running = try await store.runningSyncRun(connectionID: connection.id)
    let progress = await services.coordinator.progress(connectionID: connection.id)
    let installed = try await store.kandjiSettings().installed
    return TenantStatus(
      connection: connection, running: running, lastRun: runs.first { $0.status != .running },
      progress: progress?.runID == running?.id ? progress : nil,
      nextRun: installed && connection.enabled ? connection.settings.schedule.nextRun(after: services.now()) : nil,
      callsLastHour: try await services.connections.callsInLastHour(connectionID: connection.id))
  }
}

extension SourceTenant {
  /// The device's page in this connection's Kandji console, for a synced asset: the console URL
  /// set on the connection, else the one derived from its API host (issue 19).
  func consoleURL(for asset: Asset) -> String? {
    guard let deviceID = asset.kandji?.deviceID,
      let console = KandjiConsoleURL.resolve(explicit: consoleURL, apiURL: apiURL)
    else { return nil }
    return console.deviceURL(deviceID)
  }
}
