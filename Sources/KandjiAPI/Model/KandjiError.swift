import Foundation

/// Everything that can go wrong talking to Kandji, as values with the context an admin needs.
///
/// No case ever carries the API token: messages come from Kandji's response bodies, the
/// request path (never the headers) and transport descriptions.
public enum KandjiError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The tenant URL text is not usable (R2); the message says what to enter instead.
  case invalidBaseURL(String)
  /// 401: the token is wrong, revoked or expired — or lacks a permission (Kandji sometimes
  /// answers a missing permission with 401, as integrations have reported).
  case unauthorized(message: String?)
  /// 403: the token is valid but may not call this endpoint.
  case forbidden(message: String?)
  /// 404 for `path`.
  case notFound(path: String, message: String?)
  /// 429 that was still answered after every allowed retry.
  case rateLimited(retryAfterSeconds: Int?)
  /// 5xx that was still answered after every allowed retry.
  case server(status: Int, message: String?)
  /// Any other unexpected status (4xx that is never retried).
  case unexpectedStatus(status: Int, message: String?)
  /// The request did not complete in time.
  case timeout(path: String)
  /// DNS failure, connection refused or reset, TLS failure: one fixed phrase, never library text.
  case transport(TransportFailure)
  /// The response was not the JSON Kandji sends.
  case decoding(detail: String)

  public var description: String {
    switch self {
    case .invalidBaseURL(let message): return message
    case .unauthorized(let message):
      return "Kandji rejected the API token (401)" + suffix(message)
        + ". Check that the token is correct and not revoked, and that it has the Device list and Device details permissions."
    case .forbidden(let message):
      return "The Kandji API token lacks a permission this request needs (403)" + suffix(message)
    case .notFound(let path, let message): return "Kandji has no resource at \(path) (404)" + suffix(message)
    case .rateLimited(let retryAfter):
      return "Kandji's API rate limit was still exceeded after retrying"
        + (retryAfter.map { " (Kandji asked to wait \($0) s)" } ?? "")
    case .server(let status, let message): return "Kandji answered with a server error (\(status))" + suffix(message)
    case .unexpectedStatus(let status, let message): return "Kandji answered with HTTP \(status)" + suffix(message)
    case .timeout(let path): return "Kandji did not answer \(path) in time"
    case .transport(let failure): return "Could not reach Kandji: \(failure)"
    case .decoding(let detail): return "Kandji's response could not be read: \(detail)"
    }
  }

  /// Whether retrying the same request later may succeed.
  public var isRetryable: Bool {
    switch self {
    case .rateLimited, .server, .timeout, .transport: true
    default: false
    }
  }

  /// `: message`, without the message's own final period (the sentence adds its own).
  private func suffix(_ message: String?) -> String {
    guard var message = message?.trimmingCharacters(in: .whitespaces), !message.isEmpty else { return "" }
    while message.hasSuffix(".") { message.removeLast() }
    return ": \(message)"
  }
}
