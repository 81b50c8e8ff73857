import AssetCore
import AssetStore
import Foundation
import Hummingbird
import KandjiAPI
import SyncService

/// The Kandji app (admin only, R1–R9, R21–R24), under `apps/kandji/`. The single-tenant
/// endpoints of earlier releases keep working and act on the first connection (connection #1
/// after an upgrade); `apps/kandji/tenants/` manages every connection (`KandjiTenantRoutes`).
struct KandjiAppRoutes {
  let services: AppServices
  var store: any ConnectionStore & SyncRunStore { services.store }
  var connections: KandjiConnections { services.connections }

  func register(_ api: APIRoutes<AdminAccess>) {
    api.get("apps/kandji") { _, context in
      return .json(try await status())
    }
    api.post("apps/kandji/install") { _, context in
      try await connections.install()
      return .json(try await status())
    }
    api.post("apps/kandji/authorize") { request, context in
      return try await authorize(request, connectionID: try await firstConnection()?.id)
    }
    api.get("apps/kandji/fields") { _, context in
      return .json(Self.mappingFields)
    }
    api.put("apps/kandji/mapping") { request, context in
      return try await saveMapping(request, connectionID: try await requireFirstConnection().id)
    }
    api.put("apps/kandji/schedule") { request, context in
      let id = try await requireFirstConnection().id
      try await update(request, connectionID: id, keys: ConnectionInput.scheduleKeys)
      return .json(try await status())
    }
    api.post("apps/kandji/sync") { _, context in
      let run = try await services.coordinator.start(
        connectionID: try await requireFirstConnection().id, trigger: .manual)
      return .json(.object([("sync_run", Representation.syncRun(run))]), status: .accepted)
    }
    api.post("apps/kandji/enable") { _, context in
      try await connections.setEnabled(true, connectionID: try await requireFirstConnection().id)
      return .json(try await status())
    }
    api.post("apps/kandji/disable") { _, context in
      try await connections.setEnabled(false, connectionID: try await requireFirstConnection().id)
      return .json(try await status())
    }
    api.get("apps/kandji/sync_runs", query: ["size", "page"]) { request, context in
      return try await runs(request, connectionID: nil)
    }
    api.get("apps/kandji/sync_runs/:id") { request, context in
      let run = try await syncRun(request, context)
      let progress = await run.connectionID.asyncMap { await services.coordinator.progress(connectionID: $0) }
      return .json(Representation.syncRun(run, progress: progress.flatMap { $0?.runID == run.id ? $0 : nil }))
    }
    api.get("apps/kandji/sync_runs/:id/report.csv") { request, context in
      return try await report(try await syncRun(request, context))
    }
    KandjiTenantRoutes(app: self).register(api)
  }

  /// The first connection in use: what the single-tenant endpoints act on.
  func firstConnection() async throws -> KandjiConnection? {
    try await store.kandjiConnections(includeRemoved: false).first
  }

  func requireFirstConnection() async throws -> KandjiConnection {
    guard try await store.kandjiSettings().installed else { throw SyncRefusal.notInstalled }
    guard let connection = try await firstConnection() else {
      throw APIError(
        .conflict, "No Kandji connection yet: authorize one with POST apps/kandji/authorize or apps/kandji/tenants/.")
    }
    return connection
  }

  func syncRun(_ request: Request, _ context: AdminContext) async throws -> SyncRun {
    let id = try request.id(context, what: "Sync run")
    guard let run = try await store.syncRun(id: id) else { throw APIError.notFound("Sync run \(id)") }
    return run
  }

  /// Runs newest first, of one connection or all, paged (`size`, `page`).
  func runs(_ request: Request, connectionID: Int64?) async throws -> Response {
    let paging = try Paging.from(request)
    let all = try await store.syncRuns(connectionID: connectionID, limit: paging.page * paging.size)
    var shown: [JSONValue] = []
    for run in all.dropFirst((paging.page - 1) * paging.size) {
      let progress = await run.connectionID.asyncMap { await services.coordinator.progress(connectionID: $0) }
      shown.append(Representation.syncRun(run, progress: progress.flatMap { $0?.runID == run.id ? $0 : nil }))
    }
    return .json(.array(shown))
  }

  /// The run's report as CSV, streamed.
  func report(_ run: SyncRun) async throws -> Response {
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

  /// R3: checks the credentials against Kandji before saving them; only working ones are saved.
  func authorize(_ request: Request, connectionID: Int64?, allowName: Bool = false) async throws -> Response {
    let input = try await RequestInput.read(request, allowEmpty: true)
    input.rejectUnknown(allowed: Set(["api_url", "api_token"]).union(allowName ? ["name"] : []))
    let urlText = input.string("api_url", maxLength: 300)
    let tokenText = input.string("api_token", maxLength: 300)
    let name = allowName ? input.string("name", maxLength: 100) : nil
    try input.validate()
    let outcome = try await connections.authorize(
      connectionID: connectionID, name: name, url: urlText, token: tokenText)
    return .json(Self.authorization(outcome))
  }

  static func authorization(_ outcome: KandjiConnections.Authorization) -> JSONValue {
    let d = outcome.diagnosis
    return .object([
      ("authorized", .bool(d.isAuthorized)), ("code", .string(d.code)), ("message", .string(d.message)),
      ("saved", .bool(d.isAuthorized)), ("tenant_id", outcome.connection.map { .int(Int($0.id)) } ?? .null),
      // The optional "List Blueprints" permission (issue 19): reported, never required.
      ("list_blueprints", outcome.connection?.settings.listBlueprintsPermitted.map { .bool($0) } ?? .null),
    ])
  }

  /// R5, R7: saving the mapping starts the initial sync at once.
  func saveMapping(_ request: Request, connectionID: Int64) async throws -> Response {
    let input = try await RequestInput.read(request)
    input.rejectUnknown(allowed: ConnectionInput.mappingKeys)
    for key in ConnectionInput.mappingKeys where !input.has(key) { input.add(key, "This field is required.") }
    let change = ConnectionInput.read(input, keys: ConnectionInput.mappingKeys)
    try input.validate()
    guard let mapping = change.mapping else { throw APIError(.badRequest, "Both mapping sources are required.") }
    let run = try await connections.saveMapping(mapping, connectionID: connectionID)
    return .json(
      .object([
        ("mapping", Representation.mapping(mapping)), ("sync_run", run.map { Representation.syncRun($0) } ?? .null),
      ]), status: run == nil ? .ok : .accepted)
  }

  /// Applies the settings in the body (only `keys` allowed) to a connection.
  @discardableResult
  func update(_ request: Request, connectionID: Int64, keys: Set<String>, rename: Bool = false) async throws
    -> KandjiConnection
  {
    let input = try await RequestInput.read(request)
    input.rejectUnknown(allowed: keys.union(rename ? ["name"] : []))
    let change = ConnectionInput.read(input, keys: keys)
    let scope = ConnectionScopeInput.read(input, keys: keys)
    let name = rename ? input.string("name", maxLength: 100) : nil
    try input.validate()
    return try await connections.update(connectionID: connectionID) { connection in
      change.apply(&connection.settings)
      scope.apply(&connection.settings)
      if let name { connection.name = name }
    }
  }

  /// The app, with the first connection's settings under the keys earlier releases used, and
  /// every connection under `tenants`.
  func status() async throws -> JSONValue {
    let settings = try await store.kandjiSettings()
    var tenants: [TenantStatus] = []
    for connection in try await store.kandjiConnections(includeRemoved: false) {
      tenants.append(try await TenantStatus.load(connection, services: services))
    }
    let first = tenants.first
    let c = first?.connection
    let mapping: JSONValue = c?.settings.mapping.map(Representation.mapping) ?? .null
    let authorization: JSONValue = c.map { Representation.lastAuthorization($0.settings) } ?? .null
    let running: JSONValue = first?.running.map { Representation.syncRun($0, progress: first?.progress) } ?? .null
    let last: JSONValue = first?.lastRun.map { Representation.syncRun($0) } ?? .null
    let permissions: [JSONValue] = KandjiPermission.allCases.map { .string($0.rawValue) }
    let members: [(String, JSONValue)] = [
      // Before the first connection, "enabled" says what earlier releases said: installed.
      ("installed", .bool(settings.installed)), ("enabled", .bool(c?.enabled ?? settings.installed)),
      ("api_url", .string(c?.apiURL)), ("token_set", .bool(c?.sealedToken != nil)),
      ("token_set_at", Representation.date(c?.tokenSetAt)), ("mapping", mapping),
      ("schedule", Representation.schedule(c?.settings ?? ConnectionSettings(), next: first?.nextRun)),
      ("last_authorization", authorization), ("running_sync_run", running), ("last_sync_run", last),
      ("required_permissions", .array(permissions)), ("tenants", .array(tenants.map(Representation.tenant))),
    ]
    return .object(members)
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
