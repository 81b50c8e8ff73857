import Crypto
import Foundation
import SyncService

/// Seals the OpenID Connect client secret at rest like the Kandji token (AES-256-GCM), under a key
/// derived from the instance's secret key for this use only (`TokenSealer.derivedKey`), so the
/// sealed Kandji token and the sealed client secret cannot stand in for each other.
public struct ClientSecretSealer: Sendable {
  static let purpose = "assetsync oidc client secret v1"
  static let prefix = "v1:"
  private let key: SymmetricKey

  public init(_ sealer: TokenSealer) { key = sealer.derivedKey(for: Self.purpose) }

  public func seal(_ secret: String) throws -> String {
    guard let combined = try AES.GCM.seal(Data(secret.utf8), using: key).combined else {
      throw SignInProblem.notConfigured("The client secret could not be sealed.")
    }
    return Self.prefix + combined.base64EncodedString()
  }

  public func open(_ sealed: String) throws(SignInProblem) -> String {
    guard sealed.hasPrefix(Self.prefix), let data = Data(base64Encoded: String(sealed.dropFirst(Self.prefix.count))),
      let box = try? AES.GCM.SealedBox(combined: data), let plain = try? AES.GCM.open(box, using: key)
    else {
      throw .notConfigured(
        "The stored client secret cannot be opened with this instance's secret key; an admin must enter it again (assetsync sso set --client-secret-stdin)."
      )
    }
    return String(decoding: plain, as: UTF8.self)
  }
}
