import AsyncHTTPClient
import Foundation
import NIOCore

/// The HTTP calls to the provider: short timeouts, no redirects, bounded answers. Any transport
/// failure is `SignInProblem.providerUnreachable`; the answer's body is never logged.
public struct ProviderHTTP: Sendable {
  /// One client for the process (like Kandji's): never follows a redirect, so the client secret
  /// sent to the token endpoint cannot be led to another host.
  static let client: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
  }()

  /// Largest answer read (discovery, JWKS, token endpoint).
  static let maxBytes = 1 << 20
  let timeout: TimeAmount

  public init(timeout: TimeAmount = .seconds(10)) { self.timeout = timeout }

  /// GET `url`, decoded as `T`; anything but a 200 with valid JSON is unreachable.
  func getJSON<T: Decodable>(_ url: String, as: T.Type) async throws(SignInProblem) -> T {
    var request = HTTPClientRequest(url: url)
    request.headers.add(name: "Accept", value: "application/json")
    let (status, body) = try await send(request)
    guard status == 200, let value = try? JSONDecoder().decode(T.self, from: body) else {
      throw .providerUnreachable
    }
    return value
  }

  /// POSTs a form; returns the status and the body.
  func postForm(_ url: String, fields: [(String, String)], headers: [(String, String)]) async throws(SignInProblem)
    -> (status: UInt, body: Data)
  {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    request.headers.add(name: "Accept", value: "application/json")
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    request.body = .bytes(ByteBuffer(string: Self.formEncode(fields)))
    return try await send(request)
  }

  private func send(_ request: HTTPClientRequest) async throws(SignInProblem) -> (status: UInt, body: Data) {
    do {
      let response = try await Self.client.execute(request, timeout: timeout)
      let buffer = try await response.body.collect(upTo: Self.maxBytes)
      return (response.status.code, Data(buffer.readableBytesView))
    } catch {
      throw .providerUnreachable
    }
  }

  /// `application/x-www-form-urlencoded` (RFC 6749 Appendix B: spaces as `+`, everything else
  /// outside the unreserved set percent-encoded).
  static func formEncode(_ fields: [(String, String)]) -> String {
    fields.map { formComponent($0.0) + "=" + formComponent($0.1) }.joined(separator: "&")
  }

  /// ASCII letters, digits and `-._~` (`CharacterSet.alphanumerics` would let non-ASCII letters through).
  static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  static func formComponent(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
  }
}
