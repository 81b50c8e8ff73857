import ArgumentParser
import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging
import ServiceLifecycle
import SyncService
import UnixSignals

/// `assetsync sync`: one sync run now, with the stored settings unless flags override them.
struct SyncCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "Run one Kandji sync now.",
    discussion: """
      Uses the Kandji app's stored settings unless flags override them. The token may also come from
      ASSETSYNC_KANDJI_TOKEN (preferred to --kandji-token, which other users can see in the process list).
      Exits 0 when the run completed (even with failed rows), 1 when it failed.
      """
  )

  @OptionGroup var database: DatabaseOptions

  @Option(help: "The tenant's API URL, e.g. yourcompany.api.kandji.io.")
  var kandjiURL: String?

  @Option(help: "The Kandji API token (prefer ASSETSYNC_KANDJI_TOKEN).")
  var kandjiToken: String?

  @Option(help: "Asset name source: \(MappingSource.allCases.map(\.rawValue).joined(separator: ", ")).")
  var nameSource: String?

  @Option(help: "Display ID source (serial_number or device_id recommended).")
  var displayIDSource: String?

  @Option(help: "Write the run's report as CSV to this file.")
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
    let store = try await database.openStore()
    let settings = try await store.kandjiSettings()
    if settings.installed && !settings.enabled {
      throw CLIError(
        "The Kandji app is disabled, so syncs are stopped. Enable it in Admin › Apps › Kandji to sync again.")
    }
    let client = try await makeClient(settings: settings)
    var mapping = settings.mapping ?? .default
    if let nameSource { mapping.nameSource = MappingSource(rawValue: nameSource)! }
    if let displayIDSource { mapping.displayIDSource = MappingSource(rawValue: displayIDSource)! }

    let printer = SyncProgressPrinter()
    var logger = Logger(label: "assetsync.sync")
    // Failures reach the operator as the command's own message; no duplicate log line.
    logger.logLevel = .error
    let engine = SyncEngine(store: store, logger: logger)
    let options = SyncOptions(mapping: mapping, detailsRefreshPerRun: settings.detailsRefreshPerRun)
    let runTask = Task {
      try await engine.runOnce(client: client, options: options, trigger: .cli) { printer.show($0) }
    }
    // Ctrl-C or SIGTERM stops the run cleanly; the next run resumes where it stopped.
    let signals = Task {
      for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
        printer.note("Stopping after the current step…")
        runTask.cancel()
      }
    }
    defer { signals.cancel() }
    let run: SyncRun
    do {
      run = try await runTask.value
    } catch let error as StoreError {
      throw CLIError(error.description)
    }
    printer.finish(run)
    if let report {
      try await SyncReportExporter.write(runID: run.id, store: store, to: report)
      printer.note("Report: \(report)")
    }
    if run.status != .completed {
      throw CLIError("Sync \(run.status.rawValue): \(run.error ?? "unknown error")")
    }
  }

  private func makeClient(settings: KandjiSettings) async throws -> LiveKandjiClient {
    guard let urlText = kandjiURL ?? settings.apiURL else {
      throw CLIError("No Kandji API URL: pass --kandji-url (e.g. yourcompany.api.kandji.io) or set up the Kandji app.")
    }
    let baseURL: KandjiBaseURL
    do { baseURL = try KandjiBaseURL(urlText) } catch { throw CLIError(error.description) }
    let policy: KandjiEndpointPolicy = allowCustomKandjiEndpoints ? .allowCustomEndpoints : .kandjiHostsOnly
    if let problem = await policy.problem(with: baseURL) { throw CLIError(problem) }
    let token: KandjiToken
    if let flag = kandjiToken ?? ProcessInfo.processInfo.environment["ASSETSYNC_KANDJI_TOKEN"], !flag.isEmpty {
      token = KandjiToken(flag)
    } else if let sealed = settings.sealedToken {
      // The stored token goes only to the URL it was saved for.
      guard settings.apiURL.flatMap({ try? KandjiBaseURL($0) })?.origin == baseURL.origin else {
        throw CLIError(
          "--kandji-url differs from the saved API URL: give its token too (ASSETSYNC_KANDJI_TOKEN or --kandji-token).")
      }
      do {
        token = try TokenSealer.load(keyFile: try database.keyFile()).open(sealed)
      } catch {
        throw CLIError("\(error)")
      }
    } else {
      throw CLIError("No Kandji API token: set ASSETSYNC_KANDJI_TOKEN, pass --kandji-token, or set up the Kandji app.")
    }
    guard !token.isEmpty else { throw CLIError("The Kandji API token is empty.") }
    return LiveKandjiClient(
      configuration: KandjiClientConfiguration(baseURL: baseURL, token: token, endpointPolicy: policy))
  }
}
