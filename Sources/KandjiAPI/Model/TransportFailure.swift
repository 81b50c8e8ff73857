/// Why a request to Kandji did not get an answer, as one of a few fixed phrases.
///
/// Library error text is never shown: it names build paths and internals, and differences
/// between "connection refused", "reset" and a TLS alert would let the API URL field map the
/// server's network (which ports are open, what speaks TLS). Five phrases tell an admin what to
/// fix and no more.
public enum TransportFailure: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// DNS found no address for the host (fails closed: nothing is sent).
  case unresolvable = "could not resolve the host"
  /// Refused, reset, unreachable network, or any other failure to open the connection.
  case connectionFailed = "could not connect"
  /// The connection opened but TLS did not (not TLS, a certificate that does not match).
  case tlsFailed = "TLS handshake failed"
  /// No answer in time (connecting, the handshake or the response).
  case timedOut = "timed out"
  /// The connection closed before a full answer.
  case connectionClosed = "the connection closed before a full answer"

  public var description: String { rawValue }
}
