import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Synchronization

/// Everything a Kandji client for one connection needs: where, with which token, how fast, where
/// its calls are counted (R24), and who hears about long waits.
public struct KandjiEndpoint: Sendable {
  public var url: KandjiBaseURL
  public var token: KandjiToken
  public var pacing: PacingPolicy
  /// The connection's durable call ledger; nil for a one-off check (authorize before saving).
  public var ledger: (any KandjiCallLedger)?
  public var onEvent: @Sendable (KandjiClientEvent) -> Void

  public init(
    url: KandjiBaseURL, token: KandjiToken, pacing: PacingPolicy = PacingPolicy(),
    ledger: (any KandjiCallLedger)? = nil, onEvent: @escaping @Sendable (KandjiClientEvent) -> Void = { _ in }
  ) {
    self.url = url
    self.token = token
    self.pacing = pacing
    self.ledger = ledger
    self.onEvent = onEvent
  }

  /// The live client for this endpoint, sending the token only where `policy` allows.
  /// An interactive endpoint (`pacing.longestBudgetWait` set: someone waits for the answer)
  /// also gives up quickly on Kandji: a 10 s timeout, one retry, and no waiting out a 429.
  public func liveClient(policy: KandjiEndpointPolicy) -> LiveKandjiClient {
    let interactive = pacing.longestBudgetWait != nil
    return LiveKandjiClient(
      configuration: KandjiClientConfiguration(
        baseURL: url, token: token, requestTimeout: interactive ? .seconds(10) : .seconds(30), pacing: pacing,
        retry: interactive ? .interactive : RetryPolicy(), endpointPolicy: policy),
      ledger: ledger, onEvent: onEvent)
  }

}

/// Builds the Kandji client of an endpoint (live, or a test's client on a virtual clock).
public typealias KandjiClientFactory = @Sendable (KandjiEndpoint) -> any KandjiClient

/// A connection's calls counted in the store, where every process sees them (R24). Buckets older
/// than two hours are pruned now and then, so the table stays a few hundred rows per connection.
public final class StoreCallLedger: KandjiCallLedger {
  let store: any CallBudgetStore
  let connectionID: Int64
  /// The minute of the last prune; none yet in this ledger's life.
  private let prunedAt = Mutex<Int64?>(nil)
  static let keptMinutes: Int64 = 120
  static let pruneEvery: Int64 = 30

  public init(store: any CallBudgetStore, connectionID: Int64) {
    self.store = store
    self.connectionID = connectionID
  }

  public func record(calls: Int, minute: Int64) async throws {
    try await store.recordKandjiCalls(connectionID: connectionID, minute: minute, calls: calls)
    let due = prunedAt.withLock { last -> Bool in
      guard last.map({ minute - $0 >= Self.pruneEvery }) ?? true else { return false }
      last = minute
      return true
    }
    // Pruning is housekeeping: a failure costs nothing but a few rows.
    if due { try? await store.pruneKandjiCalls(connectionID: connectionID, before: minute - Self.keptMinutes) }
  }

  public func calls(since minute: Int64) async throws -> [Int64: Int] {
    try await store.kandjiCalls(connectionID: connectionID, since: minute)
  }
}

extension ConnectionSettings {
  /// The pacing these settings ask for.
  public var pacing: PacingPolicy {
    PacingPolicy(requestsPerSecond: requestsPerSecond, requestsPerHour: requestsPerHour)
  }
}

extension ConnectionSettings {
  /// Limits on the settings an admin can change.
  public static let requestsPerSecondRange = 1...50
  public static let requestsPerHourRange = 1...10_000
  public static let refreshMinutesRange = 0...1_440
  public static let detailsRefreshRange = 0...5_000
  /// The rotation's longest details age in days (nil is off): a day to a year.
  public static let detailsMaxAgeRange = 1...365

  /// The first setting out of bounds, with a message naming it, or nil.
  public var problem: (field: String, message: String)? {
    if let problem = schedule.problem { return ("schedule", problem) }
    if let fieldKeys, let problem = KandjiAttributeCatalogue.selectionProblem(fieldKeys) { return ("fields", problem) }
    if !Self.requestsPerSecondRange.contains(requestsPerSecond) {
      return ("requests_per_second", "Use 1 to 50 (Kandji allows 50 a second per tenant).")
    }
    if !Self.requestsPerHourRange.contains(requestsPerHour) {
      return ("requests_per_hour", "Use 1 to 10000 (Kandji allows 10,000 an hour per tenant).")
    }
    if !Self.refreshMinutesRange.contains(refreshMinutes) {
      return ("refresh_minutes", "Use 0 (off) or 1 to 1440 minutes.")
    }
    if !Self.detailsRefreshRange.contains(detailsRefreshPerRun) {
      return ("details_refresh_per_run", "Use 0 to 5000.")
    }
    if let consoleURL {
      do { _ = try KandjiConsoleURL(consoleURL) } catch { return ("console_url", error.description) }
    }
    if let problem = Self.blueprintIDsProblem(blueprintIDs) { return ("blueprints", problem) }
    if let days = detailsMaxAgeDays, !Self.detailsMaxAgeRange.contains(days) {
      return ("details_max_age_days", "Use 1 to 365 days, or nothing (0) to turn the rotation off.")
    }
    return nil
  }
}

extension ConnectionSettings {
  /// At most this many blueprints in a scope (each is one listing per run).
  public static let maxBlueprints = 50

  /// Why a blueprint scope cannot be used, or nil (issue 19): ids are Kandji's (UUIDs; letters,
  /// digits, `-` and `_`, at most 64), without repeats.
  public static func blueprintIDsProblem(_ ids: [String]) -> String? {
    if ids.count > maxBlueprints { return "Choose at most \(maxBlueprints) blueprints (each is one listing per run)." }
    for id in ids {
      guard (1...64).contains(id.count),
        id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) })
      else {
        return
          "\"\(id.prefix(70))\" is not a Kandji blueprint id (the id from Kandji's blueprint URL, e.g. 224cd78a-a06f-4254-a0a2-b4b8adbad404)."
      }
    }
    if Set(ids).count != ids.count { return "A blueprint is listed twice." }
    return nil
  }

  /// `text` split at commas into blueprint ids (blanks dropped; empty text: every blueprint).
  public static func blueprintIDs(from text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// A console URL as typed, normalised; empty text clears it (derive from the API host).
  /// Throws `StoreError.invalid(field: "console_url", …)` for anything else.
  public static func normalisedConsoleURL(_ text: String?) throws -> String? {
    guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
    do { return try KandjiConsoleURL(text).base } catch {
      throw StoreError.invalid(field: "console_url", message: error.description)
    }
  }
}
