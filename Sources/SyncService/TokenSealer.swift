import Crypto
import Foundation
import KandjiAPI

/// Encrypts the Kandji token at rest (R4) with AES-256-GCM under the instance's secret key.
///
/// The key comes from `ASSETSYNC_SECRET_KEY` (base64 of 32 bytes; every replica of a cluster
/// needs the same one) or from a key file, created with mode 0600 on first use.
public struct TokenSealer: Sendable {
  private let key: SymmetricKey
  static let prefix = "v1:"

  public init(keyData: Data) throws(SealError) {
    guard keyData.count == 32 else { throw .badKey("the secret key must be 32 bytes (base64: 44 characters)") }
    key = SymmetricKey(data: keyData)
  }

  /// The key from `ASSETSYNC_SECRET_KEY`, else from `keyFile` (created when missing).
  public static func load(environment: [String: String] = ProcessInfo.processInfo.environment, keyFile: String)
    throws(SealError) -> TokenSealer
  {
    if let text = environment["ASSETSYNC_SECRET_KEY"], !text.isEmpty {
      guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw .badKey("ASSETSYNC_SECRET_KEY is not base64")
      }
      return try TokenSealer(keyData: data)
    }
    let manager = FileManager.default
    if let data = manager.contents(atPath: keyFile) {
      guard
        let decoded = Data(
          base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
      else { throw .badKey("the key file \(keyFile) is not base64") }
      return try TokenSealer(keyData: decoded)
    }
    let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    let directory = URL(fileURLWithPath: keyFile).deletingLastPathComponent().path
    try? manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    guard
      manager.createFile(
        atPath: keyFile, contents: Data(fresh.base64EncodedString().utf8), attributes: [.posixPermissions: 0o600])
    else { throw .badKey("cannot create the key file \(keyFile)") }
    return try TokenSealer(keyData: fresh)
  }

  public func seal(_ token: KandjiToken) throws(SealError) -> String {
    do {
      let box = try AES.GCM.seal(Data(token.secret.utf8), using: key)
      guard let combined = box.combined else { throw SealError.corrupt }
      return Self.prefix + combined.base64EncodedString()
    } catch {
      throw .corrupt
    }
  }

  /// A key for another use of the same secret (the web UI signs its device cookies with one),
  /// derived with HKDF-SHA256 so that neither use can stand in for the other.
  public func derivedKey(for purpose: String) -> SymmetricKey {
    HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data(purpose.utf8), outputByteCount: 32)
  }

  public func open(_ sealed: String) throws(SealError) -> KandjiToken {
    guard sealed.hasPrefix(Self.prefix), let data = Data(base64Encoded: String(sealed.dropFirst(Self.prefix.count)))
    else {
      throw .corrupt
    }
    do {
      let box = try AES.GCM.SealedBox(combined: data)
      return KandjiToken(String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self))
    } catch {
      throw .wrongKey
    }
  }
}

/// Why a token could not be sealed or opened. No case carries the token.
public enum SealError: Error, Sendable, Equatable, CustomStringConvertible {
  case badKey(String)
  case corrupt
  case wrongKey

  public var description: String {
    switch self {
    case .badKey(let why): "Secret key problem: \(why)."
    case .corrupt: "The stored Kandji token is damaged; enter the token again."
    case .wrongKey:
      "The stored Kandji token cannot be decrypted with this instance's secret key (was ASSETSYNC_SECRET_KEY or the key file changed?). Enter the token again."
    }
  }
}
