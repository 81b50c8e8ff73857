import AssetCore
import AssetStore
import Foundation
import Hummingbird
import KandjiAPI
import SyncService

/// Admin › Apps › Kandji: install, connect (authorize before save), map fields with a live
/// preview, sync (live progress, history with a chart and CSV reports, schedule), disable/enable.
struct KandjiAdminPage {
  let services: AppServices
  let renderer: PageRenderer
  var store: any AssetStore { services.store }
  var actions: KandjiAppActions { KandjiAppActions(services: services) }
  static let base = "/admin/apps/kandji"

  func register(_ pages: RouterGroup<AppRequestContext>) {
    pages.get("admin/apps/kandji") { request, context in try await show(request, context) }
    pages.get("admin/apps/kandji/preview") { request, context in try await preview(request, context) }
    pages.post("admin/apps/kandji/install") { request, context in
      try await act(request, context, notice: "The Kandji app is installed. Connect it to your tenant next.") { _ in
        try await actions.install()
      }
    }
    pages.post("admin/apps/kandji/authorize") { request, context in try await authorize(request, context) }
    pages.post("admin/apps/kandji/mapping") { request, context in try await saveMapping(request, context) }
    pages.post("admin/apps/kandji/sync") { request, context in
      try await act(request, context, notice: "Sync started.") { _ in
        do {
          _ = try await services.coordinator.start(trigger: .manual)
        } catch let error as StoreError {
          guard case .syncAlreadyRunning = error else { throw error }
        }
      }
    }
    pages.post("admin/apps/kandji/schedule") { request, context in
      try await act(request, context, notice: "Schedule saved.") { form in
        let parts = (form["time"] ?? "").split(separator: ":").compactMap { Int($0) }
        guard parts.count >= 2 else { throw APIError.field("time", "Enter a time such as 02:00.") }
        try await actions.setSchedule(
          SyncSchedule(hour: parts[0], minute: parts[1], timeZone: form["time_zone"] ?? "UTC"))
      }
    }
    pages.post("admin/apps/kandji/disable") { request, context in
      try await act(
        request, context, notice: "The Kandji app is disabled: syncs are stopped and every imported asset stays."
      ) { _ in
        try await actions.setEnabled(false)
      }
    }
    pages.post("admin/apps/kandji/enable") { request, context in
      try await act(request, context, notice: "The Kandji app is enabled: syncs resume on schedule.") { _ in
        try await actions.setEnabled(true)
      }
    }
  }

  /// Runs an admin action from a form, then shows the page again with a notice.
  func act(
    _ request: Request, _ context: AppRequestContext, notice: String, _ body: (WebForm) async throws -> Void
  ) async throws -> Response {
    _ = try context.requireAdmin()
    let form = try await WebForm.read(request, context)
    try await body(form)
    return .seeOther(Self.base, cookies: [Flash.set(notice)])
  }

  func authorize(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAdmin()
    let form = try await WebForm.read(request, context)
    do {
      let diagnosis = try await actions.authorize(url: form["api_url"], token: form["api_token"])
      return .seeOther(
        Self.base + (diagnosis.isAuthorized ? "#mapping" : "#connect"),
        cookies: [
          Flash.set(diagnosis.isAuthorized ? "Connected to Kandji." : "Kandji did not accept these credentials.")
        ])
    } catch let error as APIError where error.status == .badRequest {
      return try await page(request, context, error: Self.message(of: error), status: .badRequest)
    }
  }

  func saveMapping(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAdmin()
    let form = try await WebForm.read(request, context)
    guard let name = form["name_source"].flatMap(MappingSource.init(rawValue:)),
      let display = form["display_id_source"].flatMap(MappingSource.init(rawValue:))
    else {
      return try await page(
        request, context, error: "Choose a field for the name and the display ID.", status: .badRequest)
    }
    let run = try await actions.saveMapping(FieldMapping(nameSource: name, displayIDSource: display))
    return .seeOther(
      Self.base + "#sync",
      cookies: [Flash.set(run.map { "Mapping saved. Sync #\($0.id) started." } ?? "Mapping saved.")])
  }

  static func message(of error: APIError) -> String {
    if case .object(let members) = error.body, let value = members.first(where: { $0.0 == "error" })?.1 {
      switch value {
      case .string(let text): return text
      case .object(let fields):
        return fields.compactMap { field -> String? in
          if case .array(let messages) = field.1, case .string(let text)? = messages.first { return text }
          return nil
        }.joined(separator: " ")
      default: break
      }
    }
    return "Something went wrong."
  }

  func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    try await page(request, context, error: nil, status: .ok)
  }

  func page(_ request: Request, _ context: AppRequestContext, error: String?, status: HTTPResponse.Status) async throws
    -> Response
  {
    _ = try context.requireAdmin()
    let (chrome, clearFlash) = try PageChrome.forPage(context, request, title: "Kandji", section: "admin", error: error)
    let settings = try await store.kandjiSettings()
    let runs = try await store.syncRuns(limit: 20)
    let running = try await store.runningSyncRun()
    let progress = await services.coordinator.progress
    let model = KandjiPageModel(
      chrome: chrome, settings: settings, runs: runs, running: running, progress: progress,
      nextRun: settings.installed && settings.enabled ? settings.schedule.nextRun(after: services.now()) : nil)
    return renderer.page("kandji", model, status: status).with(cookies: [clearFlash])
  }

  /// Three devices from Kandji under a mapping (R5's preview); the devices are cached for five
  /// minutes so changing the dropdowns costs no Kandji calls.
  func preview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
    _ = try context.requireAdmin()
    let query = request.uri.queryParameters
    guard let name = query["name_source"].flatMap({ MappingSource(rawValue: String($0)) }),
      let display = query["display_id_source"].flatMap({ MappingSource(rawValue: String($0)) })
    else { throw APIError.field("mapping", "Choose known fields.") }
    let settings = try await store.kandjiSettings()
    guard let urlText = settings.apiURL, let sealed = settings.sealedToken, let url = try? KandjiBaseURL(urlText) else {
      throw APIError(.conflict, "Connect to Kandji first.")
    }
    let devices = try await services.previewCache.devices(now: services.now()) {
      let client = services.makeClient(url, try services.sealer.open(sealed))
      do {
        return try await client.devicePage(offset: 0, limit: 3).devices.map { device in
          DeviceSnapshot(
            deviceID: device.deviceID, deviceName: device.deviceName, model: device.model,
            serialNumber: device.serialNumber, platformName: device.platformName, osVersion: device.osVersion,
            assetTag: device.assetTag, blueprintName: device.blueprintName, userEmail: device.user?.email)
        }
      } catch let error as KandjiError {
        throw APIError(.badGateway, "Kandji did not answer the preview: \(error.description)")
      }
    }
    let mapping = FieldMapping(nameSource: name, displayIDSource: display)
    return .json(
      .object([
        (
          "devices",
          .array(
            devices.map { device in
              .object([
                ("name", .string(mapping.name(of: device).value)),
                ("display_id", .string(mapping.displayID(of: device).value)),
                ("platform", .string(device.platformName)),
              ])
            })
        )
      ]))
  }
}
