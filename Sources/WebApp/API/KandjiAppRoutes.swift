import AssetCore
import AssetStore
import Foundation
import Hummingbird
import KandjiAPI
import SyncService

/// The Kandji app (admin only, R1–R9, R21), under `apps/kandji/`.
struct KandjiAppRoutes {
  let services: AppServices
  var store: any AssetStore { services.store }
  var actions: KandjiAppActions { KandjiAppActions(services: services) }

  func register(_ api: APIRouter) {
    api.get("apps/kandji") { _, context in
      _ = try context.requireAdmin()
      return .json(try await status())
    }
    api.post("apps/kandji/install") { _, context in
      _ = try context.requireAdmin()
      try await actions.install()
      return .json(try await status())
    }
    api.post("apps/kandji/authorize") { request, context in
      _ = try context.requireAdmin()
      return try await authorize(request)
    }
    api.get("apps/kandji/fields") { _, context in
      _ = try context.requireAdmin()
      return .json(Self.mappingFields)
    }
    api.put("apps/kandji/mapping") { request, context in
      _ = try context.requireAdmin()
      return try await saveMapping(request)
    }
    api.put("apps/kandji/schedule") { request, context in
      _ = try context.requireAdmin()
      let input = try await RequestInput.read(request)
      input.rejectUnknown(allowed: ["hour", "minute", "time_zone", "details_refresh_per_run"])
      var settings = try await store.kandjiSettings()
      if let hour = input.int("hour", range: 0...23) { settings.schedule.hour = Int(hour) }
      if let minute = input.int("minute", range: 0...59) { settings.schedule.minute = Int(minute) }
      if let zone = input.string("time_zone", maxLength: 100) {
        if TimeZone(identifier: zone) == nil {
          input.add("time_zone", "Unknown time zone; use an IANA name such as Europe/Berlin.")
        }
        settings.schedule.timeZone = zone
      }
      if let refresh = input.int("details_refresh_per_run", range: 0...5_000) {
        settings.detailsRefreshPerRun = Int(refresh)
      }
      try input.validate()
      try await actions.setSchedule(settings.schedule, detailsRefresh: settings.detailsRefreshPerRun)
      return .json(try await status())
    }
    api.post("apps/kandji/sync") { _, context in
      _ = try context.requireAdmin()
      let run = try await services.coordinator.start(trigger: .manual)
      return .json(.object([("sync_run", Representation.syncRun(run))]), status: .accepted)
    }
    api.post("apps/kandji/enable") { _, context in
      _ = try context.requireAdmin()
      try await actions.setEnabled(true)
      return .json(try await status())
    }
    api.post("apps/kandji/disable") { _, context in
      _ = try context.requireAdmin()
      try await actions.setEnabled(false)
      return .json(try await status())
    }
    api.get("apps/kandji/sync_runs", query: ["size", "page"]) { request, context in
      _ = try context.requireAdmin()
      let paging = try Paging.from(request)
      let all = try await store.syncRuns(limit: paging.page * paging.size)
      let slice = Array(all.dropFirst((paging.page - 1) * paging.size))
      let progress = await services.coordinator.progress
      return .json(
        .array(slice.map { Representation.syncRun($0, progress: progress?.runID == $0.id ? progress : nil) }))
    }
    api.get("apps/kandji/sync_runs/:id") { request, context in
      _ = try context.requireAdmin()
      let run = try await syncRun(request, context)
      let progress = await services.coordinator.progress
      return .json(Representation.syncRun(run, progress: progress?.runID == run.id ? progress : nil))
    }
    api.get("apps/kandji/sync_runs/:id/report.csv") { request, context in
      _ = try context.requireAdmin()
      let run = try await syncRun(request, context)
      let store = self.store
      var headers = HTTPFields()
      headers[.contentType] = "text/csv; charset=utf-8"
      headers[.contentDisposition] = "attachment; filename=\"assetsync-sync-\(run.id).csv\""
      return Response(
        status: .ok, headers: headers,
        body: ResponseBody { writer in
          try await SyncReportExporter.stream(runID: run.id, store: store) { text in
            try await writer.write(ByteBuffer(string: text))
          }
          try await writer.finish(nil)
        })
    }
  }

  func syncRun(_ request: Request, _ context: AppRequestContext) async throws -> SyncRun {
    let id = try request.id(context, what: "Sync run")
    guard let run = try await store.syncRun(id: id) else { throw APIError.notFound("Sync run \(id)") }
    return run
  }

  /// R3: checks the credentials against Kandji before saving them; only working ones are saved.
  func authorize(_ request: Request) async throws -> Response {
    let input = try await RequestInput.read(request, allowEmpty: true)
    input.rejectUnknown(allowed: ["api_url", "api_token"])
    let urlText = input.string("api_url", maxLength: 300)
    let tokenText = input.string("api_token", maxLength: 300)
    try input.validate()
    let diagnosis = try await actions.authorize(url: urlText, token: tokenText)
    return .json(
      .object([
        ("authorized", .bool(diagnosis.isAuthorized)), ("code", .string(diagnosis.code)),
        ("message", .string(diagnosis.message)), ("saved", .bool(diagnosis.isAuthorized)),
      ]))
  }

  /// R5, R7: saving the mapping starts the initial sync at once.
  func saveMapping(_ request: Request) async throws -> Response {
    let input = try await RequestInput.read(request)
    input.rejectUnknown(allowed: ["name_source", "display_id_source"])
    func source(_ key: String) -> MappingSource? {
      guard let text = input.string(key, required: true) else { return nil }
      guard let source = MappingSource(rawValue: text) else {
        input.add(key, "Use one of \(MappingSource.allCases.map(\.rawValue).joined(separator: ", ")).")
        return nil
      }
      return source
    }
    let name = source("name_source")
    let displayID = source("display_id_source")
    try input.validate()
    let mapping = FieldMapping(nameSource: name!, displayIDSource: displayID!)
    let run = try await actions.saveMapping(mapping)
    return .json(
      .object([("mapping", Self.mapping(mapping)), ("sync_run", run.map { Representation.syncRun($0) } ?? .null)]),
      status: run == nil ? .ok : .accepted)
  }

  func status() async throws -> JSONValue {
    let settings = try await store.kandjiSettings()
    let runs = try await store.syncRuns(limit: 1)
    let running = try await store.runningSyncRun()
    let progress = await services.coordinator.progress
    let next = settings.installed && settings.enabled ? settings.schedule.nextRun(after: services.now()) : nil
    return .object([
      ("installed", .bool(settings.installed)), ("enabled", .bool(settings.enabled)),
      ("api_url", .string(settings.apiURL)), ("token_set", .bool(settings.sealedToken != nil)),
      ("token_set_at", Representation.date(settings.tokenSetAt)),
      ("mapping", settings.mapping.map(Self.mapping) ?? .null),
      (
        "schedule",
        .object([
          ("hour", .int(settings.schedule.hour)), ("minute", .int(settings.schedule.minute)),
          ("time_zone", .string(settings.schedule.timeZone)), ("next_run_at", Representation.date(next)),
          ("details_refresh_per_run", .int(settings.detailsRefreshPerRun)),
        ])
      ),
      (
        "last_authorization",
        settings.lastAuthorizationCode == nil
          ? .null
          : .object([
            ("code", .string(settings.lastAuthorizationCode)), ("message", .string(settings.lastAuthorizationMessage)),
            ("at", Representation.date(settings.lastAuthorizedAt)),
          ])
      ),
      ("running_sync_run", running.map { Representation.syncRun($0, progress: progress) } ?? .null),
      ("last_sync_run", runs.first.map { Representation.syncRun($0) } ?? .null),
      ("required_permissions", .array(KandjiPermission.allCases.map { .string($0.rawValue) })),
    ])
  }

  static func mapping(_ mapping: FieldMapping) -> JSONValue {
    .object([
      ("name_source", .string(mapping.nameSource.rawValue)),
      ("display_id_source", .string(mapping.displayIDSource.rawValue)),
    ])
  }

  /// The dropdowns' choices (R5).
  static let mappingFields: JSONValue = .array(
    MappingSource.allCases.map {
      .object([
        ("key", .string($0.rawValue)), ("label", .string($0.label)),
        ("recommended_for_display_id", .bool($0.isRecommendedForDisplayID)),
      ])
    })
}
