import Crypto
import Foundation

/// Random values of the authorization code flow and their encodings (RFC 7636, RFC 4648 §5).
public enum PKCE {
  /// `bytes` random bytes, base64url without padding (43 characters for 32 bytes).
  public static func random(bytes: Int = 32) -> String {
    var generator = SystemRandomNumberGenerator()
    return base64URL(Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
  }

  /// The S256 challenge of a verifier.
  public static func challenge(for verifier: String) -> String {
    base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
  }

  /// SHA-256 in hex: how states and browser cookies are stored.
  public static func hash(_ value: String) -> String {
    SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  public static func base64URL(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  public static func decodeBase64URL(_ text: Substring) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    return Data(base64Encoded: base64)
  }
}
