import AssetCore
import Foundation
import Hummingbird

/// A request body's value as sent, decoded with `JSONDecoder` (Codable) — or read from a
/// form-encoded body, which HappyFox also takes — before `BodyReader` turns it into typed fields.
/// Integers stay exact (`Int64`, never through a `Double`); a boolean is never a number.
indirect enum JSONBody: Decodable, Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case number(Double)
  case string(String)
  case array([JSONBody])
  case object([String: JSONBody])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Int64.self) {
      self = .int(number)
    } else if let number = try? container.decode(Double.self) {
      self = number.rounded() == number && abs(number) < 9e15 ? .int(Int64(number)) : .number(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let items = try? container.decode([JSONBody].self) {
      self = .array(items)
    } else {
      self = .object(try container.decode([String: JSONBody].self))
    }
  }

  static let maxBytes = 1 << 20
  /// Deeper bodies are refused before decoding: no HappyFox payload nests more than a few levels,
  /// and a recursive decoder must not be handed a million brackets.
  static let maxDepth = 32

  /// The body of `request`: JSON, or form-encoded fields. An empty body is an empty object when
  /// `allowEmpty`.
  static func read(_ request: Request, allowEmpty: Bool = false) async throws -> JSONBody {
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: maxBytes)
    } catch {
      throw APIError(.contentTooLarge, "The request body is larger than 1 MB.")
    }
    let bytes = Data(buffer.readableBytesView)
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      guard allowEmpty else { throw APIError(.badRequest, "A JSON object body is required.") }
      return .object([:])
    }
    let type = request.headers[.contentType]?.lowercased() ?? ""
    if type.hasPrefix("multipart/") {
      throw APIError(.badRequest, "Multipart bodies (attachments) are not taken; send JSON or form-encoded fields.")
    }
    if type.hasPrefix("application/x-www-form-urlencoded") {
      do throws(URLEncodedForm.TooManyFields) { return .object(try form(bytes)) } catch { throw error.apiError }
    }
    guard depth(bytes) <= maxDepth, let body = try? JSONDecoder().decode(JSONBody.self, from: bytes) else {
      throw APIError(.badRequest, "The body is not valid JSON.")
    }
    return body
  }

  /// How deeply arrays and objects nest, strings skipped.
  static func depth(_ bytes: Data) -> Int {
    var depth = 0
    var deepest = 0
    var inString = false
    var escaped = false
    for byte in bytes {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        deepest = max(deepest, depth)
      case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
      default: break
      }
    }
    return deepest
  }

  /// `a=1&b=2&tags[]=x&tags[]=y`: strings, and lists for `key[]` (`URLEncodedForm`: linear, at
  /// most `URLEncodedForm.maxFields` fields).
  static func form(_ bytes: some Collection<UInt8>) throws(URLEncodedForm.TooManyFields) -> [String: JSONBody] {
    try URLEncodedForm.parse(bytes).mapValues { value in
      switch value {
      case .string(let text): .string(text)
      case .list(let items): .array(items.map(JSONBody.string))
      }
    }
  }

  /// The strings of a form-encoded body (the web UI's forms).
  static func formStrings(_ bytes: some Collection<UInt8>) throws(URLEncodedForm.TooManyFields) -> [String: String] {
    try URLEncodedForm.parse(bytes).compactMapValues { if case .string(let text) = $0 { text } else { nil } }
  }

  var isNull: Bool { self == .null }

  /// An integer, or a string of digits (form bodies and HappyFox's own examples send ids as strings).
  var integer: Int64? {
    switch self {
    case .int(let number): number
    case .string(let text): Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    default: nil
    }
  }

  var text: String? { if case .string(let text) = self { text } else { nil } }
}
