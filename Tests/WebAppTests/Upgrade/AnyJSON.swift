import Foundation

/// A JSON answer read without a schema, so recorded and current answers can be compared by what
/// they say rather than by their bytes.
indirect enum AnyJSON: Decodable, Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([AnyJSON])
  case object([String: AnyJSON])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let items = try? container.decode([AnyJSON].self) {
      self = .array(items)
    } else {
      self = .object(try container.decode([String: AnyJSON].self))
    }
  }

  init(data: Data) throws { self = try JSONDecoder().decode(AnyJSON.self, from: data) }

  subscript(key: String) -> AnyJSON {
    if case .object(let members) = self { return members[key] ?? .null }
    return .null
  }

  var members: [String: AnyJSON] {
    if case .object(let members) = self { return members }
    return [:]
  }

  /// The items of a list, whether answered bare or in HappyFox's `{"page_info", "data"}` envelope.
  var items: [AnyJSON] {
    switch self {
    case .array(let items): items
    case .object(let members): members["data"]?.items ?? []
    default: []
    }
  }

  /// A scalar as text, the same whether a value is typed (`true`, `12`) or a string (`"true"`, `"12"`).
  var text: String {
    switch self {
    case .null: "null"
    case .bool(let flag): flag ? "true" : "false"
    case .number(let number):
      number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    case .string(let text): text
    case .array(let items): items.map(\.text).joined(separator: "|")
    case .object: "{…}"
    }
  }
}
