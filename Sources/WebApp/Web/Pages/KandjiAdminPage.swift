import AssetCore
import AssetStore
import Foundation
import Hummingbird
import KandjiAPI
import SyncService

/// Admin › Apps › Kandji: install the app, see every connection (tenant, R22) with its state,
/// last sync and API budget, and add one (authorize before save); each connection has its own
/// page (`KandjiConnectionPage`).
struct KandjiAdminPage {
  let services: AppServices
  let renderer: PageRenderer
  var store: any ConnectionStore { services.store }
  static let base = "/admin/apps/kandji"

  struct Model {
    struct Row {
      var id: Int64
      var name, host, state, stateClass, lastSync, budget: String
    }

    var chrome: PageChrome
    var installed: Bool
    var connections: [Row]
    var hasConnections: Bool
    var name, apiURL: String
  }

  func register(_ pages: PageRoutes<AdminContext>) {
    pages.get("admin/apps/kandji") { request, context -> Response in
      try await page(request, context, error: nil, status: .ok)
    }
    pages.post("admin/apps/kandji/install") { request, context -> Response in
      _ = try await WebForm.read(request, context)
      try await services.connections.install()
      return .seeOther(Self.base, cookies: [Flash.set("The Kandji app is installed. Connect a Kandji tenant next.")])
    }
    pages.post("admin/apps/kandji/tenants") { request, context -> Response in try await add(request, context) }
    KandjiConnectionPage(services: services, renderer: renderer).register(pages)
  }

  /// Authorizes a new connection; on success its page opens at the mapping step.
  func add(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    do {
      let outcome = try await services.connections.authorize(
        name: form["name"], url: form["api_url"], token: form["api_token"])
      guard let connection = outcome.connection else {
        return try await page(
          request, context, error: "\(outcome.diagnosis.headline) \(outcome.diagnosis.message)",
          status: .badRequest, name: form["name"], apiURL: form["api_url"])
      }
      return .seeOther(
        KandjiConnectionPage.path(connection.id) + "#mapping",
        cookies: [Flash.set("Connected to Kandji as \"\(connection.name)\". Choose the field mapping next.")])
    } catch let error as StoreError {
      guard case .invalid(_, let message) = error else { throw error }
      return try await page(
        request, context, error: message, status: .badRequest, name: form["name"], apiURL: form["api_url"])
    }
  }

  func page(
    _ request: Request, _ context: AdminContext, error: String?, status: HTTPResponse.Status,
    name: String? = nil, apiURL: String? = nil
  ) async throws -> Response {
    let (chrome, clearFlash) = try PageChrome.forPage(context, request, title: "Kandji", section: "admin", error: error)
    var rows: [Model.Row] = []
    for connection in try await store.kandjiConnections(includeRemoved: false) {
      let status = try await TenantStatus.load(connection, services: services)
      rows.append(
        Model.Row(
          id: connection.id, name: connection.name,
          host: connection.apiURL.flatMap { try? KandjiBaseURL($0).host } ?? "not connected",
          state: status.running != nil ? "Syncing" : (connection.enabled ? "Enabled" : "Disabled"),
          stateClass: status.running != nil ? "" : (connection.enabled ? "ok" : "warn"),
          lastSync: status.lastRun.map { run in
            "#\(run.id) \(run.status.rawValue) \(DisplayDate.text(run.finishedAt ?? run.startedAt))"
          } ?? "never",
          budget: "\(status.callsLastHour) of \(connection.settings.requestsPerHour) calls in the last hour"))
    }
    let model = Model(
      chrome: chrome, installed: try await store.kandjiSettings().installed, connections: rows,
      hasConnections: !rows.isEmpty, name: name ?? "", apiURL: apiURL ?? "")
    return renderer.page("kandji", model, status: status).with(cookies: [clearFlash])
  }
}
