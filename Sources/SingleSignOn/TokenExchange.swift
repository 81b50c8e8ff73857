import Foundation

/// The authorization code for tokens at the provider's token endpoint (RFC 6749 §4.1.3 with the
/// PKCE verifier). The client authenticates with `client_secret_basic`, or `client_secret_post`
/// when the provider lists only that.
struct TokenExchange: Sendable {
  let http: ProviderHTTP

  struct Answer: Decodable {
    var idToken: String?
    var error: String?
    enum CodingKeys: String, CodingKey {
      case idToken = "id_token"
      case error
    }
  }

  /// The ID token; a refused code (`invalid_grant`: already used, expired) is `.providerRefused`.
  func idToken(
    metadata: ProviderMetadata, code: String, verifier: String, redirectURI: String, clientID: String, secret: String
  ) async throws(SignInProblem) -> String {
    var fields = [
      ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier),
    ]
    var headers: [(String, String)] = []
    if metadata.usesPostAuthentication {
      fields += [("client_id", clientID), ("client_secret", secret)]
    } else {
      // RFC 6749 §2.3.1: both parts form-encoded before joining.
      let pair = ProviderHTTP.formComponent(clientID) + ":" + ProviderHTTP.formComponent(secret)
      headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
      fields.append(("client_id", clientID))
    }
    let (status, body) = try await http.postForm(metadata.tokenEndpoint, fields: fields, headers: headers)
    let answer = try? JSONDecoder().decode(Answer.self, from: body)
    if status == 200, let token = answer?.idToken, !token.isEmpty { return token }
    if (400..<500).contains(status), let error = answer?.error {
      throw .providerRefused(SingleSignOnService.errorCode(error))
    }
    throw .providerUnreachable
  }
}
