import Foundation

/// Everything `LiveKandjiClient` needs to talk to one tenant.
public struct KandjiClientConfiguration: Sendable {
  public var baseURL: KandjiBaseURL
  public var token: KandjiToken
  /// Deadline of one request, connection included.
  public var requestTimeout: Duration
  public var pacing: PacingPolicy
  public var retry: RetryPolicy
  /// Responses larger than this are refused (a page of 300 devices is about 300 KB).
  public var maxResponseBytes: Int
  public var userAgent: String
  /// Where the token may go; checked before the first request (`KandjiEndpointPolicy`).
  public var endpointPolicy: KandjiEndpointPolicy
  /// Resolves the API host for the policy check (`HostResolver.addresses`; tests pass a table).
  /// Under `.kandjiHostsOnly` the connection goes to the address checked, never to a second lookup.
  public var resolve: @Sendable (String) async -> [IPAddress]

  public init(
    baseURL: KandjiBaseURL, token: KandjiToken, requestTimeout: Duration = .seconds(30),
    pacing: PacingPolicy = PacingPolicy(), retry: RetryPolicy = RetryPolicy(),
    maxResponseBytes: Int = 16 << 20, userAgent: String = "AssetSync/0.1",
    endpointPolicy: KandjiEndpointPolicy = .kandjiHostsOnly,
    resolve: @escaping @Sendable (String) async -> [IPAddress] = HostResolver.addresses
  ) {
    self.endpointPolicy = endpointPolicy
    self.resolve = resolve
    self.baseURL = baseURL
    self.token = token
    self.requestTimeout = requestTimeout
    self.pacing = pacing
    self.retry = retry
    self.maxResponseBytes = maxResponseBytes
    self.userAgent = userAgent
  }
}

/// Something worth showing while a sync waits or retries (progress lines, logs).
public enum KandjiClientEvent: Sendable, Hashable {
  /// The client is holding back to stay within the pacing policy.
  case paced(waited: Duration)
  /// Kandji answered 429; the client waits `wait` before retrying.
  case rateLimited(wait: Duration)
  /// A request failed and will be retried after `wait`.
  case retrying(reason: String, wait: Duration)
  /// The hourly budget (the connection's, or what Kandji says is left) holds requests back
  /// until `until`; progress shows it instead of an ETA.
  case waitingForBudget(until: Date, reason: RequestPacer.WaitReason)
}
