import AssetStore
import Foundation
import Hummingbird
import SyncService

extension KandjiConnectionPage {
  /// The checkbox name of a blueprint in the scope form (a form's names are unique keys).
  static func blueprintField(_ id: String) -> String { "blueprint:\(id)" }

  /// Saves the console URL and the blueprint scope (issue 19); a refused value comes back on
  /// this page beside its field, as typed.
  func saveScope(_ request: Request, _ context: AdminContext) async throws -> Response {
    let form = try await WebForm.read(request, context)
    let connection = try await connection(request, context)
    let consoleText = form.values["console_url"] ?? ""
    let extraText = form.values["blueprint_ids"] ?? ""
    let ticked = form.values.keys.filter { $0.hasPrefix("blueprint:") }.map { String($0.dropFirst("blueprint:".count)) }
    var ids = ticked.sorted()
    for id in ConnectionSettings.blueprintIDs(from: extraText) where !ids.contains(id) { ids.append(id) }
    var consoleError: String?
    var blueprintsError = ConnectionSettings.blueprintIDsProblem(ids)
    var consoleURL: String?
    do { consoleURL = try ConnectionSettings.normalisedConsoleURL(consoleText) } catch StoreError.invalid(
      _, let message)
    {
      consoleError = message
    }
    if consoleError == nil, blueprintsError == nil {
      do {
        try await connections.update(connectionID: connection.id) {
          $0.settings.consoleURL = consoleURL
          $0.settings.blueprintIDs = ids
        }
        let scope = ids.isEmpty ? "every blueprint" : "\(ids.count) blueprint\(ids.count == 1 ? "" : "s")"
        return .seeOther(
          Self.path(connection.id) + "#scope",
          cookies: [Flash.set("Console and blueprints saved: syncs \(scope) from the next sync on.")])
      } catch StoreError.invalid(let field, let message) {
        if field == "console_url" { consoleError = message } else { blueprintsError = message }
      }
    }
    return try await page(
      request, context, error: "The console and blueprints were not saved: check the highlighted field.",
      status: .badRequest
    ) {
      $0.scope.consoleInput = consoleText
      $0.scope.consoleError = consoleError
      $0.scope.extraInput = extraText
      $0.scope.blueprintsError = blueprintsError
      for index in $0.scope.blueprints.indices {
        $0.scope.blueprints[index].selected = ticked.contains($0.scope.blueprints[index].id)
      }
    }
  }
}
