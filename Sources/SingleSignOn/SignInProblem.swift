import Foundation

/// Why a single sign-on attempt was refused, worded for the person at the sign-in page. No case
/// carries a token, a code or the client secret; the provider's own texts are not shown either.
public enum SignInProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// Single sign-on is off, or the server has no public URL to be called back at.
  case notConfigured(String)
  /// Discovery, the keys or the token endpoint could not be reached or answered nonsense.
  case providerUnreachable
  /// The provider answered the callback with an error (`access_denied`, …) or refused the code.
  case providerRefused(String)
  /// The `state` is unknown, already used, expired, or belongs to another browser.
  case expiredOrUsed
  /// The ID token failed a check (signature, issuer, audience, time, nonce): `reason` goes to
  /// the log, the page says only that the answer could not be trusted.
  case untrustedToken(reason: String)
  case emailNotVerified
  /// The ID token holds no usable email in the configured claim.
  case missingEmail(claim: String)
  case notAnAgent
  case agentDisabled
  case domainNotAllowed(String)
  /// The password form was used while password sign-in is off for this agent.
  case passwordSignInOff(provider: String)

  public var description: String {
    switch self {
    case .notConfigured(let why): why
    case .providerUnreachable:
      "The identity provider could not be reached. Try again in a moment, or ask an admin to check the single sign-on settings."
    case .providerRefused(let code):
      "The identity provider did not sign you in (\(code)). Try again, or ask your IT team for access to AssetSync."
    case .expiredOrUsed: "This sign-in expired or was already used. Please start again."
    case .untrustedToken:
      "The identity provider's answer could not be verified, so you were not signed in. Please start again; if it keeps happening, tell an admin."
    case .emailNotVerified:
      "Your identity provider does not say your email address is verified, so you were not signed in. Ask your IT team."
    case .missingEmail(let claim):
      "Your identity provider did not send an email address (claim \"\(claim)\"), so you were not signed in. Ask an admin to check the single sign-on settings."
    case .notAnAgent:
      "Your account is not an AssetSync agent. Ask an AssetSync admin to add you."
    case .agentDisabled: "This account is disabled. Ask an admin to enable it."
    case .domainNotAllowed(let domain):
      "Accounts of \(domain) may not sign in to AssetSync. Use your company account."
    case .passwordSignInOff(let provider):
      "Password sign-in is off for this account. Sign in with \(provider)."
    }
  }

  /// A short code for the log and tests.
  public var code: String {
    switch self {
    case .notConfigured: "not_configured"
    case .providerUnreachable: "provider_unreachable"
    case .providerRefused: "provider_refused"
    case .expiredOrUsed: "expired_or_used"
    case .untrustedToken: "untrusted_token"
    case .emailNotVerified: "email_not_verified"
    case .missingEmail: "missing_email"
    case .notAnAgent: "not_an_agent"
    case .agentDisabled: "agent_disabled"
    case .domainNotAllowed: "domain_not_allowed"
    case .passwordSignInOff: "password_sign_in_off"
    }
  }
}
