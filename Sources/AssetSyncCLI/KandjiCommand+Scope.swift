import ArgumentParser
import AssetStore
import KandjiAPI
import SyncService

extension KandjiCommand {
  /// `kandji set`'s console URL and blueprint scope flags (issue 19).
  struct ConsoleAndScope: ParsableArguments {
    @Option(
      help:
        "The Kandji (Iru) web console for this connection's links, e.g. https://yourcompany.iru.com ('' = derive from the API URL)."
    )
    var consoleURL: String?

    @Option(help: "Sync only these blueprints: comma-separated blueprint ids ('' = every blueprint).")
    var blueprints: String?

    var isEmpty: Bool { consoleURL == nil && blueprints == nil }

    /// The flags given, applied to `settings`; throws a one-line error for a bad value.
    func apply(_ settings: inout ConnectionSettings) throws {
      if let consoleURL {
        do { settings.consoleURL = try ConnectionSettings.normalisedConsoleURL(consoleURL) } catch {
          throw ValidationError("--console-url: \(error)")
        }
      }
      if let blueprints {
        let ids = ConnectionSettings.blueprintIDs(from: blueprints)
        if let problem = ConnectionSettings.blueprintIDsProblem(ids) {
          throw ValidationError("--blueprints: \(problem)")
        }
        settings.blueprintIDs = ids
      }
    }

    func validate() throws {
      var probe = ConnectionSettings()
      try apply(&probe)
    }

    /// The optional "List Blueprints" permission as the last check found it (issue 19).
    static func listBlueprintsNote(_ connection: KandjiConnection) -> String {
      switch connection.settings.listBlueprintsPermitted {
      case true?: " The optional \"List Blueprints\" permission is granted: every blueprint's name is known."
      case false?:
        " The optional \"List Blueprints\" permission is not granted: blueprint names come from the devices listed."
      case nil: ""
      }
    }

    /// What the connection now uses, for the command's answer.
    static func summary(_ connection: KandjiConnection) -> String {
      let s = connection.settings
      let console = KandjiConsoleURL.resolve(explicit: s.consoleURL, apiURL: connection.apiURL)?.base ?? "-"
      let origin = s.consoleURL == nil ? "derived" : "set"
      let scope =
        s.blueprintIDs.isEmpty
        ? "every blueprint"
        : s.blueprintIDs.map { id in s.blueprintNames[id].map { "\($0) (\(id))" } ?? id }.joined(separator: ", ")
      return "console \(console) (\(origin)); syncs \(scope)."
    }
  }
}
