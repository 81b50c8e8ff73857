import AssetCore
import AssetSyncApplication
import Crypto
import Foundation

/// The long-lived cookie a browser gets when an agent signs in on it (issue 16): proof that this
/// browser signed in as that agent before, so the sign-in throttle counts it apart from strangers
/// (`LoginThrottle`) and nobody else's failures can lock it out.
///
/// The value is `1.<agent id>.<email hash>.<issued at>.<device id>.<HMAC>`: HMAC-SHA256 over the rest
/// and over the agent's stored password hash, under a key derived from the server's secret key
/// (`TokenSealer.derivedKey`), so every replica that shares the secret key accepts it and nobody
/// can mint one. The email travels only as a hash of its normalised form. Covering the password
/// hash binds the cookie to the agent's credentials without storing anything: setting a new
/// password (a new bcrypt salt, even for the same password) makes every earlier device cookie of
/// that agent unknown, so a browser that signed in before a password reset is a stranger again.
/// The password hash never leaves the server (it only enters the HMAC). It holds no session: it
/// only changes which bucket an attempt counts in; the password is checked as always.
struct DeviceCookie: Sendable {
  static let name = "assetsync_device"
  /// How long a browser stays known without signing in again (every sign-in renews it).
  static let lifetime: TimeInterval = 180 * 86_400
  static let purpose = "assetsync device cookie v1"

  private let key: SymmetricKey

  init(key: SymmetricKey) { self.key = key }

  /// A fresh cookie value for `agentID` signing in as `email` at `date`, while `passwordHash` is
  /// the agent's stored password hash.
  func issue(agentID: Int64, email: String, passwordHash: String, at date: Date) -> String {
    let payload = [
      "1", String(agentID), Self.emailHash(email), String(Int64(date.timeIntervalSince1970)),
      SecretTokens.random(bytes: 16),
    ].joined(separator: ".")
    return payload + "." + mac(Self.signed(payload, passwordHash: passwordHash))
  }

  /// The device id of `value` when it is a cookie this server issued to `agentID` for `email`
  /// while the agent's password hash was `passwordHash`, within its lifetime at `now`; nil
  /// otherwise (missing, forged, another agent, password changed since, expired).
  func device(_ value: String?, agentID: Int64, email: String, passwordHash: String, now: Date) -> String? {
    guard let value, value.utf8.count < 256 else { return nil }
    let parts = value.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 6, parts[0] == "1", let signature = Self.bytes(hex: parts[5]) else { return nil }
    let payload = parts[0..<5].joined(separator: ".")
    let signed = Self.signed(payload, passwordHash: passwordHash)
    guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: key),
      parts[1] == String(agentID), parts[2] == Self.emailHash(email), let issued = Int64(parts[3])
    else { return nil }
    let age = now.timeIntervalSince1970 - Double(issued)
    guard age > -300, age < Self.lifetime else { return nil }
    return String(parts[4])
  }

  /// The normalised email's SHA-256, first 16 bytes in hex.
  static func emailHash(_ email: String) -> String {
    SHA256.hash(data: Data(Contact.emailKey(email).utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
  }

  /// What the HMAC covers: the cookie's payload and, after a NUL (which neither contains), the
  /// password hash: the credential version the cookie is bound to.
  private static func signed(_ payload: String, passwordHash: String) -> Data {
    Data(payload.utf8) + [0] + Data(passwordHash.utf8)
  }

  private func mac(_ signed: Data) -> String {
    HMAC<SHA256>.authenticationCode(for: signed, using: key).map { String(format: "%02x", $0) }.joined()
  }

  private static func bytes(hex: Substring) -> Data? {
    guard hex.utf8.count == 64 else { return nil }
    var data = Data(capacity: 32)
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
      data.append(byte)
      index = next
    }
    return data
  }
}
