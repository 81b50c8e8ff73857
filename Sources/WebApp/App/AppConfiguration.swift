import Foundation
import Logging

/// The server's settings, validated before anything starts.
public struct AppConfiguration: Sendable {
  public var host: String
  public var port: Int
  /// Bcrypt cost for agents' passwords (tests use 4).
  public var bcryptCost: UInt8
  /// Whether the daily scheduler runs in this process.
  public var runScheduler: Bool
  public var sessionLifetime: TimeInterval
  /// Mark cookies `Secure` (serve behind HTTPS).
  public var secureCookies: Bool
  public var logLevel: Logger.Level
  /// Seconds without a heartbeat after which a running sync counts as abandoned (its replica
  /// died) and another replica may take over.
  public var syncStaleAfter: TimeInterval

  public init(
    host: String = "127.0.0.1", port: Int = 8080, bcryptCost: UInt8 = 12, runScheduler: Bool = true,
    sessionLifetime: TimeInterval = 8 * 3_600, secureCookies: Bool = false, logLevel: Logger.Level = .info,
    syncStaleAfter: TimeInterval = 120
  ) {
    self.host = host
    self.port = port
    self.bcryptCost = bcryptCost
    self.runScheduler = runScheduler
    self.sessionLifetime = sessionLifetime
    self.secureCookies = secureCookies
    self.logLevel = logLevel
    self.syncStaleAfter = syncStaleAfter
  }

  /// Every problem at once, or an empty list.
  public var problems: [String] {
    var problems: [String] = []
    if !(0...65_535).contains(port) { problems.append("port must be between 0 and 65535, got \(port)") }
    if host.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("host must not be empty") }
    if syncStaleAfter < 4 { problems.append("sync stale-after must be at least 4 seconds, got \(syncStaleAfter)") }
    if sessionLifetime < 60 { problems.append("session lifetime must be at least 60 seconds") }
    return problems
  }
}
