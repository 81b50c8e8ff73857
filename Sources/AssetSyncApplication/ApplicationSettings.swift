import Foundation
import KandjiAPI

/// The settings of the application itself, whatever drives it (the server, the CLI, a bench):
/// password hashing, when a running sync counts as abandoned, where Kandji tokens may go, and
/// how long history is kept. The server's own settings (`AppConfiguration` in the web layer)
/// carry these plus the HTTP ones.
public struct ApplicationSettings: Sendable {
  /// Bcrypt cost for agents' passwords (tests use 4).
  public var bcryptCost: UInt8
  /// Threads that run bcrypt and how many checks may queue (`PasswordWork`).
  public var passwordThreads: Int
  public var passwordQueueLimit: Int
  /// Seconds without a heartbeat after which a running sync counts as abandoned.
  public var syncStaleAfter: TimeInterval
  /// Let the Kandji API URL be any http(s) URL, loopback and private addresses included (the
  /// simulator, tests, a deliberate proxy). Off: only Kandji's own hosts.
  public var allowCustomKandjiEndpoints: Bool
  /// Days sync runs and their reports are kept (0: forever).
  public var historyDays: Int
  /// Days each asset's history is kept (0: forever).
  public var assetHistoryDays: Int

  public init(
    bcryptCost: UInt8 = 12, passwordThreads: Int = PasswordWork.defaultThreads, passwordQueueLimit: Int? = nil,
    syncStaleAfter: TimeInterval = 120, allowCustomKandjiEndpoints: Bool = false, historyDays: Int = 90,
    assetHistoryDays: Int = 365
  ) {
    self.bcryptCost = bcryptCost
    self.passwordThreads = passwordThreads
    self.passwordQueueLimit = passwordQueueLimit ?? 4 * passwordThreads
    self.syncStaleAfter = syncStaleAfter
    self.allowCustomKandjiEndpoints = allowCustomKandjiEndpoints
    self.historyDays = historyDays
    self.assetHistoryDays = assetHistoryDays
  }

  /// The Kandji endpoint policy these settings ask for.
  public var kandjiEndpointPolicy: KandjiEndpointPolicy {
    allowCustomKandjiEndpoints ? .allowCustomEndpoints : .kandjiHostsOnly
  }
}
