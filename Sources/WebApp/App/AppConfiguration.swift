import Foundation
import KandjiAPI
import Logging

/// The server's settings, validated before anything starts.
public struct AppConfiguration: Sendable {
  public var host: String
  public var port: Int
  /// Bcrypt cost for agents' passwords (tests use 4).
  public var bcryptCost: UInt8
  /// Whether the daily scheduler runs in this process.
  public var runScheduler: Bool
  /// A session ends after this long without a request (sliding).
  public var sessionLifetime: TimeInterval
  /// A session ends this long after signing in, however active (absolute).
  public var sessionAbsoluteLifetime: TimeInterval
  /// Mark cookies `Secure` always (serve behind HTTPS). Without it, cookies are still `Secure`
  /// on requests that a trusted proxy says arrived over HTTPS.
  public var secureCookies: Bool
  /// Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
  public var trustedProxies: [AddressRange]
  public var logLevel: Logger.Level
  /// Seconds without a heartbeat after which a running sync counts as abandoned (its replica
  /// died) and another replica may take over.
  public var syncStaleAfter: TimeInterval
  /// Let the Kandji API URL be any http(s) URL, loopback and private addresses included (the
  /// simulator, tests, a deliberate proxy). Off: only Kandji's own hosts (`KandjiEndpointPolicy`).
  public var allowCustomKandjiEndpoints: Bool
  /// Threads that run bcrypt (sign-ins, password changes) and how many checks may queue.
  public var passwordThreads: Int
  public var passwordQueueLimit: Int
  /// Seconds a client has to send a request's head (from connecting, or after the previous
  /// answer) and then its whole body; slow senders are cut off (slowloris).
  public var requestHeadTimeout: TimeInterval
  public var requestBodyTimeout: TimeInterval
  /// The sign-in throttle's limits (benchmarks lift them to measure bcrypt under load).
  public var signInLimits = LoginThrottle.Limits()
  /// Days sync runs and their reports are kept (0: forever).
  public var historyDays = 90

  public init(
    host: String = "127.0.0.1", port: Int = 8080, bcryptCost: UInt8 = 12, runScheduler: Bool = true,
    sessionLifetime: TimeInterval = 8 * 3_600, sessionAbsoluteLifetime: TimeInterval = 24 * 3_600,
    secureCookies: Bool = false, trustedProxies: [AddressRange] = [], logLevel: Logger.Level = .info,
    syncStaleAfter: TimeInterval = 120, allowCustomKandjiEndpoints: Bool = false,
    passwordThreads: Int = PasswordWork.defaultThreads, passwordQueueLimit: Int = 4 * PasswordWork.defaultThreads,
    requestHeadTimeout: TimeInterval = 20, requestBodyTimeout: TimeInterval = 60
  ) {
    self.host = host
    self.port = port
    self.bcryptCost = bcryptCost
    self.runScheduler = runScheduler
    self.sessionLifetime = sessionLifetime
    self.sessionAbsoluteLifetime = sessionAbsoluteLifetime
    self.secureCookies = secureCookies
    self.trustedProxies = trustedProxies
    self.logLevel = logLevel
    self.syncStaleAfter = syncStaleAfter
    self.allowCustomKandjiEndpoints = allowCustomKandjiEndpoints
    self.passwordThreads = passwordThreads
    self.passwordQueueLimit = passwordQueueLimit
    self.requestHeadTimeout = requestHeadTimeout
    self.requestBodyTimeout = requestBodyTimeout
  }

  /// The Kandji endpoint policy these settings ask for.
  public var kandjiEndpointPolicy: KandjiEndpointPolicy {
    allowCustomKandjiEndpoints ? .allowCustomEndpoints : .kandjiHostsOnly
  }

  /// Every problem at once, or an empty list.
  public var problems: [String] {
    var problems: [String] = []
    if !(0...65_535).contains(port) { problems.append("port must be between 0 and 65535, got \(port)") }
    if host.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("host must not be empty") }
    if syncStaleAfter < 4 { problems.append("sync stale-after must be at least 4 seconds, got \(syncStaleAfter)") }
    if sessionLifetime < 60 { problems.append("session lifetime must be at least 60 seconds") }
    if sessionAbsoluteLifetime < sessionLifetime {
      problems.append("the absolute session lifetime must be at least the idle session lifetime")
    }
    if passwordThreads < 1 { problems.append("password threads must be at least 1") }
    if !(0...3_650).contains(historyDays) {
      problems.append("history days must be 0 (keep all) to 3650, got \(historyDays)")
    }
    if requestHeadTimeout < 1 || requestBodyTimeout < 1 {
      problems.append("request timeouts must be at least 1 second")
    }
    return problems
  }
}
