import Foundation

/// Any JSON value of an ID token's claims: the email claim's name is configurable, so the claims
/// are read as a dictionary rather than a fixed type.
enum ClaimValue: Sendable, Codable, Hashable {
  case string(String)
  case number(Double)
  case bool(Bool)
  case array([ClaimValue])
  case object([String: ClaimValue])
  case null

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([ClaimValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: ClaimValue].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .bool(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    case .null: try container.encodeNil()
    }
  }

  var string: String? { if case .string(let value) = self { value } else { nil } }
  var number: Double? { if case .number(let value) = self { value } else { nil } }
  /// `true`, or the string `"true"` some providers send.
  var isTrue: Bool {
    switch self {
    case .bool(let value): value
    case .string(let value): value.lowercased() == "true"
    default: false
    }
  }
}
