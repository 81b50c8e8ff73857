import AssetCore
import Foundation
import HTTPTypes
import Hummingbird
import SingleSignOn

/// `GET /login/oidc` starts an OpenID Connect sign-in and `GET /login/oidc/callback` finishes it
/// (issue 22). The flow's `state`, `nonce` and PKCE verifier stay in the store; the browser gets
/// only a random cookie that binds the sign-in to it. Every refusal comes back as the sign-in
/// page with a sentence the person can act on, never an error page or a 500.
struct SingleSignOnPages {
  let services: AppServices
  let login: LoginPages
  static let browserCookie = "assetsync_oidc"

  func register(_ router: PageRoutes<AppRequestContext>) {
    router.get("login/oidc") { request, context -> Response in
      let secure = login.secure(request, context)
      let next = LocalRedirect.target(request.uri.queryParameters["next"].map(String.init))
      do {
        let start = try await services.singleSignOn.start(next: next, publicURL: services.publicURL.url)
        return .seeOther(
          start.authorizationURL,
          cookies: [
            AppCookie.make(
              Self.browserCookie, start.browserToken, maxAge: Int(SingleSignOnService.signInLifetime), secure: secure)
          ])
      } catch let problem as SignInProblem {
        services.logger.notice("single sign-on could not start", metadata: ["reason": "\(problem.code)"])
        return try await refusal(problem, next: next, secure: secure)
      }
    }
    router.get("login/oidc/callback") { request, context -> Response in
      let secure = login.secure(request, context)
      let query = request.uri.queryParameters
      func value(_ name: String) -> String? { query[Substring(name)].map(String.init) }
      let clear = AppCookie.clear(Self.browserCookie, secure: secure)
      do {
        let finished = try await services.singleSignOn.finish(
          code: value("code"), state: value("state"), error: value("error"),
          browserToken: request.cookies[Self.browserCookie]?.value, publicURL: services.publicURL.url)
        return try await login.startSession(
          for: finished.agent, email: finished.agent.email, next: finished.next, secure: secure,
          idToken: finished.idToken
        ).with(cookies: [clear])
      } catch let problem as SignInProblem {
        return try await refusal(problem, next: nil, secure: secure).with(cookies: [clear])
      }
    }
  }

  /// The sign-in page with the problem beside the buttons.
  func refusal(_ problem: SignInProblem, next: String?, secure: Bool) async throws -> Response {
    try await login.form(
      next: next, email: "", error: problem.description, status: Self.status(problem), secure: secure)
  }

  static func status(_ problem: SignInProblem) -> HTTPResponse.Status {
    switch problem {
    case .notConfigured: .serviceUnavailable
    case .providerUnreachable: .badGateway
    case .expiredOrUsed: .badRequest
    case .untrustedToken: .unauthorized
    case .providerRefused, .emailNotVerified, .missingEmail, .notAnAgent, .agentDisabled, .domainNotAllowed,
      .passwordSignInOff:
      .forbidden
    }
  }
}
