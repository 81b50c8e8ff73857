import ArgumentParser
import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging
import SyncService
import UnixSignals

/// `assetsync sync`: one sync run now, of one Kandji connection or every enabled one, through the
/// same use cases as the web UI and the scheduler.
struct SyncCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "Run one Kandji sync now.",
    discussion: """
      Syncs the connection named by --tenant, or every enabled Kandji connection. With --kandji-url, the \
      connection with that API URL is used (created, named after the URL's host, when there is none), after \
      its token is checked with Kandji; the token may also come from ASSETSYNC_KANDJI_TOKEN (preferred to \
      --kandji-token, which other users can see in the process list). --name-source and --display-id-source \
      are saved as the connection's mapping.

      Exits 0 when every run completed (even with failed rows), 1 otherwise.
      """
  )

  @OptionGroup var database: DatabaseOptions

  @Option(help: "The Kandji connection to sync (default: every enabled one).")
  var tenant: String?

  @Option(help: "The tenant's API URL, e.g. yourcompany.api.kandji.io.")
  var kandjiURL: String?

  @Option(help: "The Kandji API token (prefer ASSETSYNC_KANDJI_TOKEN).")
  var kandjiToken: String?

  @Option(help: "Asset name source: \(MappingSource.allCases.map(\.rawValue).joined(separator: ", ")).")
  var nameSource: String?

  @Option(help: "Display ID source (serial_number or device_id recommended).")
  var displayIDSource: String?

  @Option(help: "Write the run's report as CSV to this file (one connection only).")
  var report: String?

  @Flag(help: "Allow any http(s) Kandji API URL, loopback and private addresses included (a simulator, a proxy).")
  var allowCustomKandjiEndpoints = false

  func validate() throws {
    for (flag, value) in [("--name-source", nameSource), ("--display-id-source", displayIDSource)] {
      if let value, MappingSource(rawValue: value) == nil {
        throw ValidationError(
          "\(flag) \"\(value)\" is not a Kandji field; use one of \(MappingSource.allCases.map(\.rawValue).joined(separator: ", "))."
        )
      }
    }
  }

  func run() async throws {
    let context = try await KandjiCLIContext.open(database, allowCustomEndpoints: allowCustomKandjiEndpoints)
    let targets = try await context.refusalsAsErrors { try await self.targets(context) }
    guard report == nil || targets.count == 1 else {
      throw CLIError("--report writes one connection's report: choose it with --tenant.")
    }
    let printer = SyncProgressPrinter()
    // Ctrl-C or SIGTERM stops the run cleanly; the next run resumes where it stopped.
    let signals = Task {
      for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
        printer.note("Stopping after the current step…")
        await context.coordinator.cancelAllRuns()
      }
    }
    defer { signals.cancel() }
    var failures: [String] = []
    for connection in targets {
      if targets.count > 1 { printer.note("Syncing \(connection.name)…") }
      try await context.refusalsAsErrors {
        _ = try await context.coordinator.start(connectionID: connection.id, trigger: .cli) { printer.show($0) }
      }
      guard let run = await context.coordinator.waitForRun(connectionID: connection.id) else { continue }
      printer.finish(run)
      if let report {
        try await SyncReportExporter.write(runID: run.id, store: context.store, to: report)
        printer.note("Report: \(report)")
      }
      if run.status != .completed {
        failures.append("\(connection.name): sync \(run.status.rawValue): \(run.error ?? "unknown error")")
      }
    }
    if !failures.isEmpty { throw CLIError(failures.joined(separator: "; ")) }
  }

  /// The connections to sync, connecting or updating one first when the flags say so.
  func targets(_ context: KandjiCLIContext) async throws -> [KandjiConnection] {
    let connections = context.connections
    var chosen: KandjiConnection?
    if let kandjiURL {
      let url: KandjiBaseURL
      do { url = try KandjiBaseURL(kandjiURL) } catch { throw CLIError(error.description) }
      let token = kandjiToken ?? ProcessInfo.processInfo.environment["ASSETSYNC_KANDJI_TOKEN"]
      let existing = try await connections.connection(origin: url)
      if let existing, token?.isEmpty ?? true {
        chosen = existing  // its saved token, with the URL it was saved for
      } else {
        let outcome = try await connections.authorize(
          connectionID: existing?.id, name: existing == nil ? (tenant ?? url.host) : nil, url: kandjiURL,
          token: token, install: true)
        guard outcome.diagnosis.isAuthorized, let connection = outcome.connection else {
          throw CLIError(outcome.diagnosis.message)
        }
        chosen = connection
      }
    } else if let tenant {
      chosen = try await context.connection(named: tenant)
    }
    if let mapping = try await mapping(for: chosen, context) {
      guard let connection = chosen else { throw CLIError("Choose the connection to map with --tenant.") }
      chosen = try await connections.update(connectionID: connection.id) { $0.settings.mapping = mapping }
    }
    if let chosen { return [chosen] }
    let all = try await context.store.kandjiConnections(includeRemoved: false).filter(\.enabled)
    guard !all.isEmpty else {
      throw CLIError(
        "No enabled Kandji connection: add one with `assetsync kandji connect`, or pass --kandji-url and its token.")
    }
    return all
  }

  /// The mapping the flags ask for (both, or one with the connection's other source), or nil.
  func mapping(for connection: KandjiConnection?, _ context: KandjiCLIContext) async throws -> FieldMapping? {
    guard nameSource != nil || displayIDSource != nil else { return nil }
    let current = connection?.settings.mapping
    guard let name = nameSource.flatMap(MappingSource.init(rawValue:)) ?? current?.nameSource,
      let display = displayIDSource.flatMap(MappingSource.init(rawValue:)) ?? current?.displayIDSource
    else { throw CLIError("Give both --name-source and --display-id-source: the connection has no mapping yet.") }
    return FieldMapping(nameSource: name, displayIDSource: display)
  }
}
