import AssetCore
import AssetStore
import Foundation
import Hummingbird
import SyncService

/// Kandji connections (tenants, R22) under `apps/kandji/tenants/`: list, create (authorize and
/// save), get, update, delete (only disabled: its assets are retired), authorize again, mapping
/// (starts the initial sync), enable, disable, sync, runs and reports.
struct KandjiTenantRoutes {
  let app: KandjiAppRoutes
  var services: AppServices { app.services }
  var connections: KandjiConnections { services.connections }
  static let settingsKeys = ConnectionInput.scheduleKeys.union(ConnectionInput.pacingKeys)
    .union(ConnectionScopeInput.keys)

  func register(_ api: APIRoutes<AdminAccess>) {
    api.get("apps/kandji/tenants") { _, context in
      var tenants: [JSONValue] = []
      for connection in try await services.store.kandjiConnections(includeRemoved: false) {
        tenants.append(Representation.tenant(try await TenantStatus.load(connection, services: services)))
      }
      return .json(.array(tenants))
    }
    api.post("apps/kandji/tenants") { request, context in
      return try await create(request)
    }
    api.get("apps/kandji/tenants/:id") { request, context in
      return .json(try await tenant(try await connection(request, context)))
    }
    api.put("apps/kandji/tenants/:id") { request, context in
      let connection = try await connection(request, context)
      return .json(
        try await tenant(
          try await app.update(request, connectionID: connection.id, keys: Self.settingsKeys, rename: true)))
    }
    api.delete("apps/kandji/tenants/:id") { request, context in
      let connection = try await connection(request, context)
      let retired = try await connections.remove(connectionID: connection.id)
      return .json(
        .object([("id", .int(Int(connection.id))), ("removed", .bool(true)), ("assets_retired", .int(retired))]))
    }
    api.post("apps/kandji/tenants/:id/authorize") { request, context in
      return try await app.authorize(request, connectionID: try await connection(request, context).id)
    }
    api.put("apps/kandji/tenants/:id/mapping") { request, context in
      return try await app.saveMapping(request, connectionID: try await connection(request, context).id)
    }
    for (action, enabled) in [("enable", true), ("disable", false)] {
      api.post("apps/kandji/tenants/:id/\(action)") { request, context in
        let connection = try await connection(request, context)
        try await connections.setEnabled(enabled, connectionID: connection.id)
        return .json(try await tenant(try await connections.connection(id: connection.id)))
      }
    }
    api.post("apps/kandji/tenants/:id/sync") { request, context in
      let run = try await services.coordinator.start(
        connectionID: try await connection(request, context).id, trigger: .manual)
      return .json(.object([("sync_run", Representation.syncRun(run))]), status: .accepted)
    }
    api.get("apps/kandji/tenants/:id/sync_runs", query: ["size", "page"]) { request, context in
      return try await app.runs(request, connectionID: try await connection(request, context).id)
    }
    api.get("apps/kandji/tenants/:id/sync_runs/:run/report.csv") { request, context in
      let connection = try await connection(request, context)
      let id = try request.id(context, "run", what: "Sync run")
      guard let run = try await services.store.syncRun(id: id), run.connectionID == connection.id else {
        throw APIError.notFound("Sync run \(id) of this tenant")
      }
      return try await app.report(run)
    }
    KandjiFieldRoutes(tenants: self).register(api)
  }

  func connection(_ request: Request, _ context: AdminContext) async throws -> KandjiConnection {
    try await connections.connection(id: try request.id(context, what: "Kandji tenant"))
  }

  func tenant(_ connection: KandjiConnection) async throws -> JSONValue {
    Representation.tenant(try await TenantStatus.load(connection, services: services))
  }

  /// Authorizes new credentials and, when Kandji accepts them, saves the connection with the
  /// given mapping and pacing (no sync: saving a mapping through `…/mapping` starts one).
  func create(_ request: Request) async throws -> Response {
    let input = try await RequestInput.read(request)
    let keys = ConnectionInput.mappingKeys.union(Self.settingsKeys)
    input.rejectUnknown(allowed: keys.union(["name", "api_url", "api_token"]))
    let name = input.string("name", maxLength: 100)
    let urlText = input.string("api_url", required: true, maxLength: 300)
    let tokenText = input.string("api_token", required: true, maxLength: 300)
    let change = ConnectionInput.read(input, keys: keys)
    let scope = ConnectionScopeInput.read(input, keys: keys)
    if (change.nameSource == nil) != (change.displayIDSource == nil) {
      input.add(
        change.nameSource == nil ? "name_source" : "display_id_source", "Give both mapping sources, or neither.")
    }
    try input.validate()
    var prepared = ConnectionSettings()
    change.apply(&prepared)
    scope.apply(&prepared)
    prepared.mapping = change.mapping
    if let problem = prepared.problem { throw APIError.field(problem.field, problem.message) }
    let outcome = try await connections.authorize(name: name, url: urlText, token: tokenText) { $0 = prepared }
    var body = KandjiAppRoutes.authorization(outcome)
    if case .object(var members) = body, let connection = outcome.connection {
      members.append(("tenant", try await tenant(connection)))
      body = .object(members)
    }
    return .json(body, status: outcome.connection == nil ? .ok : .created)
  }
}
