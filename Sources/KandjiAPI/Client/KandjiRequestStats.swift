/// Counts of every request the client made, for sync reports, metrics and benchmarks.
public struct KandjiRequestStats: Sendable, Hashable, Codable {
  /// Every HTTP request sent, retries included.
  public var requests = 0
  /// `GET /devices` requests (retries included).
  public var listRequests = 0
  /// `GET /devices/{id}/details` requests (retries included).
  public var detailRequests = 0
  /// Requests sent again after a failure.
  public var retries = 0
  /// 429 answers received.
  public var rateLimited = 0
  /// 5xx answers received.
  public var serverErrors = 0
  /// Timeouts and transport failures.
  public var transportErrors = 0
  /// Seconds spent waiting: pacing, `Retry-After` and backoff together.
  public var secondsWaited = 0.0

  public init() {}
}
