import AssetCore
import AssetStore
import Foundation
import Hummingbird
import KandjiAPI
import SyncService

/// The connection page's Kandji fields (issue 19): saving the chooser, and the preview's values.
extension KandjiConnectionPage {
  func registerFields(_ pages: PageRoutes<AdminContext>) {
    pages.post("admin/apps/kandji/tenants/:id/fields") { request, context -> Response in
      try await saveFields(request, context)
    }
  }

  /// Saves the ticked fields in their order; a refused choice comes back on the page as typed.
  func saveFields(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let connection = try await connection(request, context)
    let problem: String
    switch KandjiFieldChooserModel.selection(from: form) {
    case .success(let keys):
      do {
        try await connections.saveFieldSelection(keys, connectionID: connection.id)
        // A details attribute chosen for the first time queued a backfill (and started a sync).
        let pending = try await connections.detailsBackfillProgress(connectionID: connection.id).pending
        let backfill = pending == 0 ? "" : " \(pending) devices wait for a details call: progress under Sync."
        return .seeOther(
          Self.path(connection.id) + "#fields",
          cookies: [Flash.set("Fields saved: assets show \(keys.count).\(backfill)")])
      } catch StoreError.invalid(_, let message) {
        problem = message
      }
    case .failure(let refusal): problem = refusal.message
    }
    return try await page(
      request, context, error: "The fields were not saved: \(problem)", status: .badRequest
    ) { $0.fields.keep(form: form, error: problem) }
  }

  /// The preview's columns for `keys` (unknown keys skipped; none: the saved selection), and
  /// each device's values as text. List attributes come from the devices just listed; details
  /// attributes from the device's asset when it was synced, else they wait for the details call.
  func previewFields(_ connection: KandjiConnection, keysText: String?, devices: [DeviceSnapshot]) async throws
    -> (labels: [String], values: [[String]])
  {
    let given = keysText.map { $0.split(separator: ",").map { String($0) } } ?? []
    let keys = given.isEmpty ? connection.settings.selectedFieldKeys : given
    let attributes = KandjiAttributeCatalogue.attributes(forKeys: keys)
    var rows: [[String]] = []
    let now = services.now()
    for device in devices {
      let stored = try await services.store.asset(kandjiDeviceID: device.deviceID)
      let known = stored?.connectionID == connection.id ? stored : nil
      let platform = device.platform ?? known?.kandji?.platform
      var asset = known ?? Asset(id: 0, assetTypeID: 0, name: "", displayID: "", createdAt: now, updatedAt: now)
      if let platform {
        asset.kandji = device.attributes(
          platform: platform, supervised: known?.kandji?.supervised, udid: known?.kandji?.udid)
      }
      rows.append(
        attributes.map { attribute in
          if let platform, !attribute.applies(to: platform) { return "—" }
          if let value = asset.kandjiValue(attribute) { return AssetPages.readable(value) }
          return attribute.source.isDetails && known == nil ? "after the details call" : "—"
        })
    }
    return (attributes.map(\.label), rows)
  }
}
