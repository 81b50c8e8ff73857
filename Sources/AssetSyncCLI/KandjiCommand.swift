import ArgumentParser
import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import SyncService

/// `assetsync kandji connect|list|set|disable|enable|remove`: Kandji connections (tenants, R22)
/// from the command line, through the same use cases as Admin › Apps › Kandji.
struct KandjiCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kandji", abstract: "Manage Kandji connections (tenants).",
    subcommands: [Connect.self, List.self, Change.self, Fields.self, Disable.self, Enable.self, Remove.self])

  /// Pacing and refresh flags shared by `connect` and `set`.
  struct Pacing: ParsableArguments {
    @Option(help: "Kandji calls per second for this connection (1–50; default 40).")
    var requestsPerSecond: Int?

    @Option(help: "Kandji calls per hour for this connection (1–10000; default 9000).")
    var requestsPerHour: Int?

    @Option(help: "Minutes between quick list-only refreshes (0 = off, 1–1440; default 15).")
    var refreshMinutes: Int?

    @Option(
      help:
        "Details rotation: read every device's details again at most this many days after the last read (1–365; 0 or '' = off; default off)."
    )
    var detailsMaxAgeDays: String?

    /// `--details-max-age-days` as the setting: nil when not given, `.some(nil)` to turn it off.
    var maxAge: Int?? {
      guard let text = detailsMaxAgeDays?.trimmingCharacters(in: .whitespaces) else { return nil }
      if text.isEmpty || text == "0" { return .some(nil) }
      return .some(Int(text) ?? -1)
    }

    func apply(_ settings: inout ConnectionSettings) {
      if let requestsPerSecond { settings.requestsPerSecond = requestsPerSecond }
      if let requestsPerHour { settings.requestsPerHour = requestsPerHour }
      if let refreshMinutes { settings.refreshMinutes = refreshMinutes }
      if let maxAge { settings.detailsMaxAgeDays = maxAge }
    }

    func validate() throws {
      var probe = ConnectionSettings()
      apply(&probe)
      if let problem = probe.problem {
        throw ValidationError("--\(problem.field.replacingOccurrences(of: "_", with: "-")): \(problem.message)")
      }
    }
  }

  struct Connect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "connect",
      abstract: "Add or update a Kandji connection: checks the token with Kandji, seals it and saves (no sync).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The connection's name (unique).")
    var name: String

    @Option(help: "The tenant's API URL, e.g. yourcompany.api.kandji.io.")
    var url: String

    @Flag(help: "Read the API token from standard input (required).")
    var tokenStdin = false

    @Option(help: "Asset name source (default device_name).")
    var nameSource: String?

    @Option(help: "Display ID source (default serial_number).")
    var displayIDSource: String?

    @OptionGroup var pacing: Pacing

    @Flag(help: "Allow any http(s) Kandji API URL, loopback and private addresses included (a simulator, a proxy).")
    var allowCustomKandjiEndpoints = false

    func validate() throws {
      guard tokenStdin else { throw ValidationError("Pass the token on standard input with --token-stdin.") }
      for (flag, value) in [("--name-source", nameSource), ("--display-id-source", displayIDSource)] {
        if let value, MappingSource(rawValue: value) == nil {
          throw ValidationError("\(flag) \"\(value)\" is not a Kandji field.")
        }
      }
    }

    func run() async throws {
      guard let token = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !token.isEmpty else {
        throw CLIError("No API token on standard input.")
      }
      let context = try await KandjiCLIContext.open(database, allowCustomEndpoints: allowCustomKandjiEndpoints)
      let mapping = FieldMapping(
        nameSource: nameSource.flatMap(MappingSource.init(rawValue:)) ?? FieldMapping.default.nameSource,
        displayIDSource: displayIDSource.flatMap(MappingSource.init(rawValue:)) ?? FieldMapping.default.displayIDSource)
      try await context.refusalsAsErrors {
        let existing = try await context.connections.connection(named: name)
        let outcome = try await context.connections.authorize(
          connectionID: existing?.id, name: name, url: url, token: token, install: true
        ) { settings in
          pacing.apply(&settings)
          settings.mapping = mapping
        }
        guard outcome.diagnosis.isAuthorized, var connection = outcome.connection else {
          throw CLIError(outcome.diagnosis.message)
        }
        if existing != nil {
          // An update keeps what was not given and takes what was.
          connection = try await context.connections.update(connectionID: connection.id) {
            pacing.apply(&$0.settings)
            if nameSource != nil || displayIDSource != nil || $0.settings.mapping == nil {
              $0.settings.mapping = mapping
            }
          }
        }
        Console.line(
          "Connected \"\(connection.name)\" (id \(connection.id)): \(outcome.diagnosis.message)\(ConsoleAndScope.listBlueprintsNote(connection)) Run `assetsync sync --tenant \"\(connection.name)\"` to sync."
        )
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List Kandji connections.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() async throws {
      let context = try await KandjiCLIContext.open(database, allowCustomEndpoints: true)
      var lines: [ConnectionLine] = []
      for connection in try await context.store.kandjiConnections(includeRemoved: false) {
        lines.append(
          ConnectionLine(
            connection, lastRun: try await context.store.syncRuns(connectionID: connection.id, limit: 1).first,
            callsLastHour: try await context.connections.callsInLastHour(connectionID: connection.id)))
      }
      if json { return Console.line(CLIJSON.encode(lines)) }
      guard !lines.isEmpty else {
        return Console.line("No Kandji connections yet: add one with `assetsync kandji connect`.")
      }
      for line in lines {
        Console.line(
          "\(line.id)\t\(line.name)\t\(line.apiURL ?? "-")\t\(line.enabled ? "enabled" : "disabled")\t\(line.callsLastHour)/\(line.requestsPerHour) calls last hour\tlast sync: \(line.lastSyncStatus ?? "never")"
        )
      }
    }
  }

  struct Change: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set",
      abstract: "Change a connection's pacing, quick-refresh interval, console URL or blueprint scope.")

    @OptionGroup var target: ConnectionTarget
    @OptionGroup var pacing: Pacing
    @OptionGroup var scope: ConsoleAndScope
    @OptionGroup var fieldSelection: FieldSelection

    func run() async throws {
      try await target.perform { context, connection in
        let updated = try await context.connections.update(connectionID: connection.id) {
          pacing.apply(&$0.settings)
          try scope.apply(&$0.settings)
        }
        // The shown Kandji attributes (issue 19) are saved through their own use case.
        if let keys = fieldSelection.keys {
          // No run from this short-lived process: the queued backfill waits for the server's next run.
          let saved = try await context.connections.saveFieldSelection(
            keys, connectionID: connection.id, startBackfill: false)
          let backfill = try await context.connections.detailsBackfillProgress(connectionID: connection.id)
          return "\(saved.name): shows \(keys.count) Kandji fields: \(keys.joined(separator: ", "))."
            + (backfill.pending == 0 ? "" : " " + DetailsBackfillLine.text(backfill, name: saved.name))
        }
        if !scope.isEmpty { return "\(updated.name): \(ConsoleAndScope.summary(updated))" }
        let s = updated.settings
        let rotation = s.detailsMaxAgeDays.map { "details at most \($0) days old" } ?? "details rotation off"
        return
          "\(updated.name): \(s.requestsPerSecond) calls/s, \(s.requestsPerHour) calls/h, quick refresh \(s.refreshMinutes == 0 ? "off" : "every \(s.refreshMinutes) min"), \(rotation)."
      }
    }
  }

  struct Disable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "disable", abstract: "Stop a connection's syncs; its assets stay, read-only.")

    @OptionGroup var target: ConnectionTarget

    func run() async throws {
      try await target.perform { context, connection in
        try await context.connections.setEnabled(false, connectionID: connection.id)
        return "Disabled \"\(connection.name)\": its syncs are stopped and its assets stay."
      }
    }
  }

  struct Enable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Resume a connection's syncs.")

    @OptionGroup var target: ConnectionTarget

    func run() async throws {
      try await target.perform { context, connection in
        try await context.connections.setEnabled(true, connectionID: connection.id)
        return "Enabled \"\(connection.name)\"."
      }
    }
  }

  struct Remove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "remove", abstract: "Remove a disabled connection: its assets are retired, never deleted.")

    @OptionGroup var target: ConnectionTarget

    func run() async throws {
      try await target.perform { context, connection in
        let retired = try await context.connections.remove(connectionID: connection.id)
        return "Removed \"\(connection.name)\"; \(retired) assets retired (kept, read-only)."
      }
    }
  }
}

/// `--database` and `--name` of the connection a command acts on.
struct ConnectionTarget: ParsableArguments {
  @OptionGroup var database: DatabaseOptions

  @Option(help: "The connection's name.")
  var name: String

  func perform(_ body: (KandjiCLIContext, KandjiConnection) async throws -> String) async throws {
    let context = try await KandjiCLIContext.open(database, allowCustomEndpoints: true)
    try await context.refusalsAsErrors {
      Console.line(try await body(context, try await context.connection(named: name)))
    }
  }
}

/// A connection as `kandji list --json` prints it (never the token).
struct ConnectionLine: Encodable {
  let id: Int64
  let name: String
  let apiURL: String?
  let enabled: Bool
  let tokenSet: Bool
  let nameSource: String?
  let displayIDSource: String?
  let requestsPerSecond: Int
  let requestsPerHour: Int
  let refreshMinutes: Int
  /// The details rotation's D (absent: off).
  let detailsMaxAgeDays: Int?
  /// The console URL its links use (set, or derived from the API URL) and whether it was set.
  let consoleURL: String?
  let consoleURLSet: Bool
  /// The blueprints it syncs (empty: every blueprint).
  let blueprints: [String]
  let callsLastHour: Int
  let lastSyncStatus: String?
  let lastSyncAt: String?

  init(_ c: KandjiConnection, lastRun: SyncRun?, callsLastHour: Int) {
    id = c.id
    name = c.name
    apiURL = c.apiURL
    enabled = c.enabled
    tokenSet = c.sealedToken != nil
    nameSource = c.settings.mapping?.nameSource.rawValue
    displayIDSource = c.settings.mapping?.displayIDSource.rawValue
    requestsPerSecond = c.settings.requestsPerSecond
    requestsPerHour = c.settings.requestsPerHour
    refreshMinutes = c.settings.refreshMinutes
    detailsMaxAgeDays = c.settings.detailsMaxAgeDays
    consoleURL = KandjiConsoleURL.resolve(explicit: c.settings.consoleURL, apiURL: c.apiURL)?.base
    consoleURLSet = c.settings.consoleURL != nil
    blueprints = c.settings.blueprintIDs
    self.callsLastHour = callsLastHour
    lastSyncStatus = lastRun?.status.rawValue
    lastSyncAt = lastRun.map { ISO8601.string($0.startedAt) }
  }
}
