import AssetCore
import AssetStore
import Foundation
import Hummingbird
import KandjiAPI
import SyncService

/// One Kandji connection's page (Admin › Apps › Kandji › NAME): credentials (authorize before
/// save), field mapping with a live preview, sync (live progress, history with a chart and CSV
/// reports), schedule, pacing and API budget, disable/enable and remove.
struct KandjiConnectionPage {
  let services: AppServices
  let renderer: PageRenderer
  var store: any SyncRunStore { services.store }
  var connections: KandjiConnections { services.connections }

  static func path(_ id: Int64) -> String { "/admin/apps/kandji/tenants/\(id)" }

  func register(_ pages: PageRoutes<AdminContext>) {
    let base = "admin/apps/kandji/tenants/:id"
    pages.get(base) { request, context -> Response in
      try await page(request, context, error: nil, status: .ok)
    }
    pages.get(base + "/preview") { request, context -> Response in try await preview(request, context) }
    registerFields(pages)
    pages.post(base + "/authorize") { request, context -> Response in try await authorize(request, context)
    }
    pages.post(base + "/mapping") { request, context -> Response in try await saveMapping(request, context)
    }
    pages.post(base + "/sync") { request, context -> Response in
      try await act(request, context, anchor: "sync", notice: "Sync started.") { connection, _ in
        do {
          _ = try await services.coordinator.start(connectionID: connection.id, trigger: .manual)
        } catch StoreError.syncAlreadyRunning {
        }
      }
    }
    pages.post(base + "/schedule") { request, context -> Response in
      try await saveSchedule(request, context)
    }
    pages.post(base + "/pacing") { request, context -> Response in try await savePacing(request, context) }
    pages.post(base + "/scope") { request, context -> Response in try await saveScope(request, context) }
    pages.post(base + "/disable") { request, context -> Response in
      try await act(
        confirm: { connection in
          Confirmation(
            heading: "Disable “\(connection.name)”?",
            message: "Its syncs stop, a sync in progress included. Nothing is deleted: every imported asset stays, "
              + "read-only, with its Kandji fields as of the last sync. You can enable it again at any time.",
            action: Self.path(connection.id) + "/disable", button: "Yes, disable syncs",
            cancelURL: Self.path(connection.id) + "#switch")
        },
        request, context, anchor: "switch",
        notice: "The connection is disabled: its syncs are stopped and every imported asset stays."
      ) { connection, _ in
        try await connections.setEnabled(false, connectionID: connection.id)
      }
    }
    pages.post(base + "/enable") { request, context -> Response in
      try await act(request, context, anchor: "switch", notice: "The connection is enabled: syncs resume on schedule.")
      {
        connection, _ in
        try await connections.setEnabled(true, connectionID: connection.id)
      }
    }
    pages.post(base + "/remove") { request, context -> Response in
      let form = try await WebForm.read(request, context)
      let connection = try await connection(request, context)
      if Confirmation.needed(form) {
        return try Confirmation(
          heading: "Remove “\(connection.name)”?",
          message: "Its assets are retired (kept, read-only), never deleted; its sync history stays. "
            + "The connection and its stored token are removed.",
          action: Self.path(connection.id) + "/remove", button: "Yes, remove the connection",
          cancelURL: Self.path(connection.id) + "#switch"
        ).page(renderer, request, context, section: "admin")
      }
      let retired = try await connections.remove(connectionID: connection.id)
      return .seeOther(
        KandjiAdminPage.base,
        cookies: [
          Flash.set("\"\(connection.name)\" is removed; its \(retired) active assets are retired, not deleted.")
        ])
    }
  }

  func connection(_ request: Request, _ context: AdminContext) async throws -> KandjiConnection {
    try await connections.connection(id: try request.id(context, what: "Kandji connection"))
  }

  /// Runs an admin action from a form, then shows the page again with a notice.
  func act(
    confirm: ((KandjiConnection) -> Confirmation)? = nil, _ request: Request, _ context: AdminContext,
    anchor: String, notice: String, _ body: (KandjiConnection, WebForm) async throws -> Void
  ) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let connection = try await connection(request, context)
    if let confirm, Confirmation.needed(form) {
      return try confirm(connection).page(renderer, request, context, section: "admin")
    }
    try await body(connection, form)
    return .seeOther(Self.path(connection.id) + "#" + anchor, cookies: [Flash.set(notice)])
  }

  func authorize(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let connection = try await connection(request, context)
    do {
      let outcome = try await connections.authorize(
        connectionID: connection.id, name: form["name"], url: form["api_url"], token: form["api_token"])
      return .seeOther(
        Self.path(connection.id) + (outcome.diagnosis.isAuthorized ? "#mapping" : "#connect"),
        cookies: [
          Flash.set(outcome.diagnosis.headline)
        ])
    } catch let error as StoreError {
      guard case .invalid(_, let message) = error else { throw error }
      return try await page(request, context, error: message, status: .badRequest)
    }
  }

  func saveMapping(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let connection = try await connection(request, context)
    guard let name = form["name_source"].flatMap(MappingSource.init(rawValue:)),
      let display = form["display_id_source"].flatMap(MappingSource.init(rawValue:))
    else {
      return try await page(
        request, context, error: "Choose a field for the name and the display ID.", status: .badRequest)
    }
    let run = try await connections.saveMapping(
      FieldMapping(nameSource: name, displayIDSource: display), connectionID: connection.id)
    return .seeOther(
      Self.path(connection.id) + "#sync",
      cookies: [Flash.set(run.map { "Mapping saved. Sync #\($0.id) started." } ?? "Mapping saved.")])
  }

  /// The daily schedule; a refused time or time zone comes back on this page beside its field,
  /// as typed (never a page without the form).
  func saveSchedule(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let connection = try await connection(request, context)
    let time = form.values["time"] ?? ""
    let zone = form.values["time_zone"] ?? ""
    let parts = time.split(separator: ":").compactMap { Int($0) }
    var timeError: String? = parts.count >= 2 ? nil : "Enter a time such as 02:00."
    var zoneError: String? = form["time_zone"] == nil ? "Enter a time zone such as Europe/Berlin or UTC." : nil
    if timeError == nil, zoneError == nil {
      do {
        try await connections.update(connectionID: connection.id) {
          $0.settings.schedule = SyncSchedule(
            hour: parts[0], minute: parts[1], timeZone: zone.trimmingCharacters(in: .whitespaces))
        }
        return .seeOther(Self.path(connection.id) + "#sync", cookies: [Flash.set("Schedule saved.")])
      } catch StoreError.invalid(_, let message) {
        if message.contains("time zone") {
          zoneError = message.capitalizedFirst
        } else {
          timeError = message.capitalizedFirst
        }
      }
    }
    return try await page(
      request, context, error: "The schedule was not saved: check the highlighted field.", status: .badRequest
    ) {
      $0.scheduleTime = time
      $0.scheduleZone = zone
      $0.timeError = timeError
      $0.zoneError = zoneError
    }
  }

  /// Pacing and quick refresh; a refused number comes back on this page beside its field, as typed.
  func savePacing(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let connection = try await connection(request, context)
    var errors: [String: String] = [:]
    func number(_ key: String) -> Int? {
      guard let text = form[key] else {
        errors[key] = "Enter a whole number."
        return nil
      }
      guard let value = Int(text) else {
        errors[key] = "Enter a whole number."
        return nil
      }
      return value
    }
    let perSecond = number("requests_per_second")
    let perHour = number("requests_per_hour")
    let refresh = number("refresh_minutes")
    // The details rotation: empty or 0 is off; a form without the field keeps it.
    let maxAgeText = form.values["details_max_age_days"]?.trimmingCharacters(in: .whitespaces)
    var maxAge: Int?? = nil
    if let maxAgeText {
      if maxAgeText.isEmpty || maxAgeText == "0" {
        maxAge = .some(nil)
      } else if let days = Int(maxAgeText) {
        maxAge = .some(days)
      } else {
        errors["details_max_age_days"] = "Enter a whole number of days, or leave it empty (off)."
      }
    }
    if errors.isEmpty, let perSecond, let perHour, let refresh {
      do {
        try await connections.update(connectionID: connection.id) {
          $0.settings.requestsPerSecond = perSecond
          $0.settings.requestsPerHour = perHour
          $0.settings.refreshMinutes = refresh
          if let maxAge { $0.settings.detailsMaxAgeDays = maxAge }
        }
        return .seeOther(Self.path(connection.id) + "#budget", cookies: [Flash.set("Pacing saved.")])
      } catch StoreError.invalid(let field, let message) {
        errors[field] = message
      }
    }
    return try await page(
      request, context, error: "The pacing was not saved: check the highlighted field.", status: .badRequest
    ) {
      $0.perSecondInput = form.values["requests_per_second"] ?? ""
      $0.perHourInput = form.values["requests_per_hour"] ?? ""
      $0.refreshInput = form.values["refresh_minutes"] ?? ""
      $0.perSecondError = errors["requests_per_second"]
      $0.perHourError = errors["requests_per_hour"]
      $0.refreshError = errors["refresh_minutes"]
      $0.maxAgeInput = maxAgeText ?? ""
      $0.maxAgeError = errors["details_max_age_days"]
    }
  }

  func page(
    _ request: Request, _ context: AdminContext, error: String?, status: HTTPResponse.Status,
    _ change: (inout KandjiPageModel) -> Void = { _ in }
  ) async throws -> Response {
    let connection = try await connection(request, context)
    let (chrome, clearFlash) = try PageChrome.forPage(
      context, request, title: "Kandji · \(connection.name)", section: "admin", error: error)
    let tenant = try await TenantStatus.load(connection, services: services)
    let now = services.now()
    let runs = try await store.syncRuns(
      SyncRunFilter(connectionID: connection.id, excludedTriggers: [.refresh], limit: 20))
    // At most one refresh a minute: a week of them is bounded (10,080 rows of totals).
    let refreshes = try await store.syncRuns(
      SyncRunFilter(
        connectionID: connection.id, triggers: [.refresh],
        startedSince: QuickRefreshHistory.windowStart(now: now), limit: 10_080))
    var model = KandjiPageModel(
      chrome: chrome, tenant: tenant, runs: runs, refreshes: QuickRefreshHistory(refreshes, now: now))
    model.show(
      try await connections.detailsBackfillProgress(connectionID: connection.id), settings: connection.settings)
    change(&model)
    return renderer.page("kandji-tenant", model, status: status).with(cookies: [clearFlash])
  }

  /// Three devices from Kandji under a mapping (R5's preview); the devices are cached for five
  /// minutes so changing the dropdowns costs no Kandji calls.
  func preview(_ request: Request, _ context: AdminContext) async throws -> Response {
    let connection = try await connection(request, context)
    let query = request.uri.queryParameters
    guard let name = query["name_source"].flatMap({ MappingSource(rawValue: String($0)) }),
      let display = query["display_id_source"].flatMap({ MappingSource(rawValue: String($0)) })
    else { throw APIError.field("mapping", "Choose known fields.") }
    guard connection.sealedToken != nil, connection.apiURL.flatMap({ try? KandjiBaseURL($0) }) != nil
    else { throw APIError(.conflict, "Connect to Kandji first.") }
    let devices = try await services.previewCache.devices(connectionID: connection.id, now: services.now()) {
      let client = try services.coordinator.clients.client(
        for: connection, pacing: connection.settings.pacing.interactive)
      do {
        return try await client.devicePage(offset: 0, limit: 3).devices.map(\.snapshot)
      } catch let error as KandjiError {
        throw APIError(.badGateway, "Kandji did not answer the preview: \(error.description)")
      }
    }
    let mapping = FieldMapping(nameSource: name, displayIDSource: display)
    // The chosen Kandji fields' values beside the mapping (issue 19).
    let fields = try await previewFields(
      connection, keysText: query["fields"].map(String.init), devices: devices)
    return .json(
      .object([
        (
          "devices",
          .array(
            zip(devices, fields.values).map { device, values in
              .object([
                ("name", .string(mapping.name(of: device).value)),
                ("display_id", .string(mapping.displayID(of: device).value)),
                ("platform", .string(device.platformName)), ("values", .array(values.map { .string($0) })),
              ])
            })
        ),
        ("fields", .array(fields.labels.map { .string($0) })),
      ]))
  }
}

extension String {
  /// The text with its first letter upper-cased (the core's messages are sentence fragments).
  fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
