import AssetStore
import KandjiAPI

/// The connection page's "Console and blueprints" card (issue 19), precomputed.
struct KandjiScopeModel {
  struct Blueprint {
    var id, name: String
    var selected: Bool
  }

  /// The console URL links use now, and the one derived from the API URL.
  var effective, derived: String
  /// The console URL field as typed (empty: derived), and why it was refused.
  var consoleInput: String
  var consoleError: String?
  var blueprints: [Blueprint]
  var hasBlueprints: Bool
  /// Chosen ids no listing has named yet, and other ids as typed, comma-separated.
  var extraInput: String
  var blueprintsError: String?
  var scopeText: String
  var permissionNote: String

  init(_ connection: KandjiConnection) {
    let settings = connection.settings
    derived = connection.apiURL.flatMap { try? KandjiBaseURL($0) }.map { KandjiConsoleURL.derived(from: $0).base } ?? ""
    effective = KandjiConsoleURL.resolve(explicit: settings.consoleURL, apiURL: connection.apiURL)?.base ?? derived
    consoleInput = settings.consoleURL ?? ""
    let known = KnownBlueprint.all(settings)
    blueprints = known.compactMap { blueprint in
      blueprint.name.map { Blueprint(id: blueprint.id, name: $0, selected: blueprint.selected) }
    }
    hasBlueprints = !blueprints.isEmpty
    extraInput = known.filter { $0.name == nil }.map(\.id).joined(separator: ", ")
    let chosen = known.filter(\.selected).map { $0.name ?? $0.id }
    scopeText = chosen.isEmpty ? "every blueprint" : chosen.joined(separator: ", ")
    permissionNote =
      switch settings.listBlueprintsPermitted {
      case true?: "The token has the optional “List Blueprints” permission: every blueprint is named, empty ones too."
      case false?:
        "The token lacks the optional “List Blueprints” permission: only blueprints with listed devices are named (add the permission in Kandji › Settings › Access to see all)."
      case nil:
        "Blueprints are named by the devices listed (and by Kandji's blueprint list when the token may read it)."
      }
  }
}
