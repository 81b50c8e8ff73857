/// A JSON value with ordered keys: the simulator answers in Kandji's own key order (and sends
/// Kandji's odd shapes: `"user": ""`, string booleans, integer ids), and the REST API answers in
/// HappyFox's documented key order.
public indirect enum JSONValue: Sendable, Hashable {
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }
  public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

  /// The compact JSON text.
  public func serialized() -> String {
    var out = ""
    write(into: &out)
    return out
  }

  public func write(into out: inout String) {
    switch self {
    case .string(let text): Self.writeString(text, into: &out)
    case .int(let number): out += String(number)
    case .double(let number): out += number.isFinite ? String(number) : "null"
    case .bool(let flag): out += flag ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        item.write(into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { out += "," }
        Self.writeString(key, into: &out)
        out += ":"
        value.write(into: &out)
      }
      out += "}"
    }
  }

  private static func writeString(_ text: String, into out: inout String) {
    out += "\""
    // Most strings need no escaping: append them whole (a scalar at a time is the slow path).
    guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
      out += text
      out += "\""
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}

extension JSONValue {
  /// A string, or `null` for `nil`.
  public static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
  /// An integer, or `null` for `nil`.
  public static func int(_ number: Int64?) -> JSONValue { number.map { .int(Int($0)) } ?? .null }
  /// A boolean, or `null` for `nil`.
  public static func bool(_ flag: Bool?) -> JSONValue { flag.map(JSONValue.bool) ?? .null }
}
