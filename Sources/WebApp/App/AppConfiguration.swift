import AssetSyncApplication
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
  /// The server is told it serves plain HTTP on a loopback `host` (the demo, a local try-out):
  /// only then are cookies not `Secure` (unless a trusted proxy says the request came over
  /// HTTPS). Refused with any other host (`problems`).
  public var plainHTTPOnLoopback: Bool
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
  /// Days each asset's history is kept (0: forever); pruned in batches by the scheduler.
  public var assetHistoryDays = 365
  /// The address browsers reach this server at (`serve --public-url`), e.g.
  /// `https://assetsync.example.com`: single sign-on's redirect URI is this plus
  /// `/login/oidc/callback`. Nil: single sign-on cannot start (the sign-in page says so).
  public var publicURL: String?

  public init(
    host: String = "127.0.0.1", port: Int = 8080, bcryptCost: UInt8 = 12, runScheduler: Bool = true,
    sessionLifetime: TimeInterval = 8 * 3_600, sessionAbsoluteLifetime: TimeInterval = 24 * 3_600,
    plainHTTPOnLoopback: Bool = false, trustedProxies: [AddressRange] = [], logLevel: Logger.Level = .info,
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
    self.plainHTTPOnLoopback = plainHTTPOnLoopback
    self.trustedProxies = trustedProxies
    self.logLevel = logLevel
    self.syncStaleAfter = syncStaleAfter
    self.allowCustomKandjiEndpoints = allowCustomKandjiEndpoints
    self.passwordThreads = passwordThreads
    self.passwordQueueLimit = passwordQueueLimit
    self.requestHeadTimeout = requestHeadTimeout
    self.requestBodyTimeout = requestBodyTimeout
  }

  /// Whether every cookie is `Secure` (issue 16: the default; off only for plain HTTP on loopback).
  public var secureCookies: Bool { !(plainHTTPOnLoopback && Self.isLoopback(host)) }

  /// `localhost`, `127.0.0.0/8` or `::1`: a browser on this machine only.
  public static func isLoopback(_ host: String) -> Bool {
    let host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).lowercased()
    if host == "localhost" { return true }
    guard let address = IPAddress(host) else { return false }
    return address.isIPv4 ? address.bytes[0] == 127 : address.bytes == Array(repeating: 0, count: 15) + [1]
  }

  /// Why `text` cannot be the public URL (an absolute http(s) URL without query, fragment or
  /// credentials), or nil.
  public static func publicURLProblem(_ text: String) -> String? {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
      let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil, url.user == nil
    else { return "the public URL must be an absolute http(s) URL such as https://assetsync.example.com, got \(text)" }
    return nil
  }

  /// The Kandji endpoint policy these settings ask for.
  public var kandjiEndpointPolicy: KandjiEndpointPolicy { application.kandjiEndpointPolicy }

  /// The settings of the application this server runs (everything but HTTP's).
  public var application: ApplicationSettings {
    ApplicationSettings(
      bcryptCost: bcryptCost, passwordThreads: passwordThreads, passwordQueueLimit: passwordQueueLimit,
      syncStaleAfter: syncStaleAfter, allowCustomKandjiEndpoints: allowCustomKandjiEndpoints, historyDays: historyDays,
      assetHistoryDays: assetHistoryDays)
  }

  /// Every problem at once, or an empty list.
  public var problems: [String] {
    var problems: [String] = []
    if !(0...65_535).contains(port) { problems.append("port must be between 0 and 65535, got \(port)") }
    if host.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("host must not be empty") }
    if plainHTTPOnLoopback && !Self.isLoopback(host) {
      problems.append("plain HTTP (cookies without Secure) is only for a loopback host, not \(host)")
    }
    if syncStaleAfter < 4 { problems.append("sync stale-after must be at least 4 seconds, got \(syncStaleAfter)") }
    if sessionLifetime < 60 { problems.append("session lifetime must be at least 60 seconds") }
    if sessionAbsoluteLifetime < sessionLifetime {
      problems.append("the absolute session lifetime must be at least the idle session lifetime")
    }
    if passwordThreads < 1 { problems.append("password threads must be at least 1") }
    if !(0...3_650).contains(historyDays) {
      problems.append("history days must be 0 (keep all) to 3650, got \(historyDays)")
    }
    if !(0...36_500).contains(assetHistoryDays) {
      problems.append("asset history days must be 0 (keep all) to 36500, got \(assetHistoryDays)")
    }
    if let publicURL, let problem = Self.publicURLProblem(publicURL) { problems.append(problem) }
    if requestHeadTimeout < 1 || requestBodyTimeout < 1 {
      problems.append("request timeouts must be at least 1 second")
    }
    return problems
  }
}
