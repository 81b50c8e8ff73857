import AssetCore
import AssetStore
import Foundation
import Hummingbird
import SyncService

/// `apps/kandji/tenants/<id>/fields/` (issue 19): the catalogue of Kandji attributes with what
/// the connection shows and what selecting details attributes costs (GET), and the choice
/// itself, in order (PUT `{"fields": ["key", …]}`). Admins only, like every tenant route.
struct KandjiFieldRoutes {
  let tenants: KandjiTenantRoutes
  var services: AppServices { tenants.services }

  func register(_ api: APIRoutes<AdminAccess>) {
    api.get("apps/kandji/tenants/:id/fields") { request, context in
      return .json(try await Self.catalogue(try await tenants.connection(request, context), services: services))
    }
    api.put("apps/kandji/tenants/:id/fields") { request, context in
      let connection = try await tenants.connection(request, context)
      let input = try await RequestInput.read(request)
      input.rejectUnknown(allowed: ["fields"])
      if !input.has("fields") { input.add("fields", "This field is required: a list of field keys, in order.") }
      // A JSON list of keys, as the document says (a comma-separated string is refused).
      var keys: [String]?
      if let list = input.list("fields", maxCount: 100) {
        let texts = list.compactMap(\.text)
        if texts.count == list.count { keys = texts } else { input.add("fields", "Expected a list of field keys.") }
      }
      if let keys, let problem = KandjiAttributeCatalogue.selectionProblem(keys) { input.add("fields", problem) }
      try input.validate()
      let saved = try await services.connections.saveFieldSelection(keys ?? [], connectionID: connection.id)
      return .json(try await Self.catalogue(saved, services: services))
    }
  }

  /// The catalogue as the GET answers it (and the PUT, after saving).
  static func catalogue(_ connection: KandjiConnection, services: AppServices) async throws -> JSONValue {
    let settings = connection.settings
    let devices = try await services.store.assetListing(
      AssetQuery(retired: false, managed: true, connectionID: connection.id, page: 1, size: 1)
    ).total
    let details = settings.selectedDetailsExtras.map(\.key)
    return .object([
      ("tenant_id", .int(Int(connection.id))),
      ("selected", .array(settings.selectedFieldKeys.map { .string($0) })),
      ("fields", .array(settings.fieldChoices.map(field))),
      (
        "costs",
        .object([
          ("active_devices", .int(devices)),
          ("list", .string(costOfList)),
          ("details", .string(costOfDetails(devices: devices))),
          ("details_selected", .array(details.map { .string($0) })),
          ("details_backfill_calls", .int(details.isEmpty ? 0 : devices)),
        ])
      ),
      (
        "details_backfill",
        backfill(
          try await services.connections.detailsBackfillProgress(connectionID: connection.id), settings: settings)
      ),
    ])
  }

  /// The details backfill's progress (devices still waiting for a details call, of the active
  /// ones) with the time left at the connection's pacing, and the rotation that keeps details
  /// fresh afterwards (issue 19).
  static func backfill(_ progress: DetailsBackfill.Progress, settings: ConnectionSettings) -> JSONValue {
    let days = settings.detailsMaxAgeDays
    return .object([
      ("pending", .int(progress.pending)), ("done", .int(progress.done)), ("total", .int(progress.total)),
      ("estimated_seconds_left", .int(progress.estimatedSecondsLeft)),
      ("requests_per_hour", .int(settings.requestsPerHour)),
      ("details_max_age_days", days.map { .int($0) } ?? .null),
      ("rotation_calls_per_run", .int(days.map { (progress.total + $0 - 1) / $0 } ?? settings.detailsRefreshPerRun)),
    ])
  }

  static func field(_ choice: KandjiFieldChoice) -> JSONValue {
    let a = choice.attribute
    return .object([
      ("key", .string(a.key)), ("label", .string(a.label)), ("type", .string(a.type.rawValue)),
      ("field_type", .string(a.type.fieldType.rawValue)), ("source", .string(choice.sourceName)),
      ("details_section", .string(choice.detailsSection)),
      ("platforms", .array(choice.platformNames.map { .string($0) })), ("selected", .bool(choice.isSelected)),
      ("position", choice.position.map { .int($0) } ?? .null), ("default", .bool(a.managedField != nil)),
    ])
  }

  static let costOfList =
    "List attributes cost no extra Kandji call: every sync and quick refresh reads them."

  /// What details attributes cost this connection, in words.
  static func costOfDetails(devices: Int) -> String {
    "Details attributes are read by one details call per device: selecting the first one backfills "
      + "\(devices) active devices (\(devices) calls, paced within the hourly budget), and the rotation keeps them "
      + "fresh. Supervised and UDID are read on every device's first sync already."
  }
}
