import AssetCore
import AssetStore
import Foundation
import KandjiAPI

/// A connection's console URL and blueprint scope in its JSON (issue 19).
extension Representation {
  /// `console_url` (what links use: set, or derived from the API URL), `console_url_set`,
  /// `blueprints` (the ids synced; `[]` = every blueprint) and `known_blueprints` (every id with a
  /// known name, and the chosen ones, each `{id, name, selected}`, by name).
  static func scopeMembers(_ c: KandjiConnection) -> [(String, JSONValue)] {
    let s = c.settings
    let console = KandjiConsoleURL.resolve(explicit: s.consoleURL, apiURL: c.apiURL)?.base
    return [
      ("console_url", .string(console)), ("console_url_set", .bool(s.consoleURL != nil)),
      ("blueprints", .array(s.blueprintIDs.map { .string($0) })),
      (
        "known_blueprints",
        .array(
          KnownBlueprint.all(s).map {
            .object([("id", .string($0.id)), ("name", .string($0.name)), ("selected", .bool($0.selected))])
          })
      ),
    ]
  }
}

/// A blueprint a connection may be scoped to: named by listings or `GET /api/v1/blueprints`, or
/// chosen by id before any listing named it.
struct KnownBlueprint: Sendable, Hashable {
  var id: String
  var name: String?
  var selected: Bool

  /// Every known or chosen blueprint of `settings`, by name (unnamed ones last, by id).
  static func all(_ settings: ConnectionSettings) -> [KnownBlueprint] {
    let ids = Set(settings.blueprintNames.keys).union(settings.blueprintIDs)
    return ids.map {
      KnownBlueprint(id: $0, name: settings.blueprintNames[$0], selected: settings.blueprintIDs.contains($0))
    }
    .sorted {
      switch ($0.name, $1.name) {
      case (let a?, let b?): a.localizedStandardCompare(b) == .orderedAscending || (a == b && $0.id < $1.id)
      case (.some, nil): true
      case (nil, .some): false
      case (nil, nil): $0.id < $1.id
      }
    }
  }
}
