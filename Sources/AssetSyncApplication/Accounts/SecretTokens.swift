import Crypto
import Foundation

/// Random secrets (API keys, auth codes, session tokens, CSRF tokens) and their stored form.
///
/// These secrets carry 256 bits of randomness, so a plain SHA-256 is the right stored form
/// (a slow KDF protects low-entropy passwords, not random tokens); comparisons are constant-time.
public enum SecretTokens {
  /// `bytes` random bytes as URL-safe base64 without padding.
  public static func random(bytes: Int = 32) -> String {
    var generator = SystemRandomNumberGenerator()
    let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  public static func hash(_ secret: String) -> String {
    // Every API request hashes its auth code: hex by table lookup, not `String(format:)` per byte.
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for byte in SHA256.hash(data: Data(secret.utf8)) {
      hex.append(hexDigits[Int(byte >> 4)])
      hex.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: hex, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Constant-time equality of two hex digests.
  public static func matches(_ secret: String, hash stored: String) -> Bool {
    let computed = Array(hash(secret).utf8)
    let expected = Array(stored.utf8)
    guard computed.count == expected.count else { return false }
    return zip(computed, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
