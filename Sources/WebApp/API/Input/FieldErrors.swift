import AssetCore

/// Problems found in a request, by field, rendered in the shape the endpoint's HappyFox article
/// shows: assets `{"display_id": ["…"], "custom_fields": {"81": "…"}}` (custom fields nested
/// by id), ticket actions `{"t-cf-2": "…"}`, contacts and ticket creation
/// `[{"field": "name", "errors": ["…"]}]`.
struct FieldErrors: Sendable {
  enum Style: Sendable {
    /// `{"field": ["message"]}`, nested objects `{"field": {"key": "message"}}`.
    case lists
    /// `{"field": "message"}`.
    case strings
    /// `[{"field": "name", "errors": ["message"]}]`.
    case fieldList
  }

  private(set) var messages: [String: [String]] = [:]
  private(set) var nested: [String: [String: String]] = [:]

  var isEmpty: Bool { messages.isEmpty && nested.isEmpty }

  mutating func add(_ field: String, _ message: String) { messages[field, default: []].append(message) }

  /// A problem with one entry of an object field (a custom field by id).
  mutating func add(_ field: String, key: String, _ message: String) {
    if nested[field]?[key] == nil { nested[field, default: [:]][key] = message }
  }

  /// Every problem as flat `field` or `field.key` pairs.
  var flattened: [(String, [String])] {
    let plain = messages.map { ($0.key, $0.value) }
    let inner = nested.flatMap { field, entries in entries.map { ("\(field).\($0.key)", [$0.value]) } }
    return (plain + inner).sorted { $0.0 < $1.0 }
  }

  func json(_ style: Style) -> JSONValue {
    switch style {
    case .lists, .strings:
      var members: [(String, JSONValue)] = messages.keys.sorted().map { field in
        let list = messages[field] ?? []
        return (field, style == .lists ? .array(list.map(JSONValue.string)) : .string(list.joined(separator: " ")))
      }
      members += nested.keys.sorted().map { field in
        (field, .object((nested[field] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
      }
      return .object(members.sorted { $0.0 < $1.0 })
    case .fieldList:
      return .array(
        flattened.map { field, list in
          .object([("field", .string(field)), ("errors", .array(list.map(JSONValue.string)))])
        })
    }
  }
}
