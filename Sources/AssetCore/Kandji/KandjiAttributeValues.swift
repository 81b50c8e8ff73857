import Foundation

/// The values of a device's Kandji attributes that live outside the 13 managed columns, by key
/// (issue 19), stored as one canonical JSON document per source: equal values give equal text,
/// so a sync compares documents and writes only what changed.
public struct KandjiAttributeValues: Sendable, Hashable, Codable {
  public var values: [String: KandjiAttributeValue]

  public init(_ values: [String: KandjiAttributeValue] = [:]) { self.values = values }

  public subscript(key: String) -> KandjiAttributeValue? {
    get { values[key] }
    set { values[key] = newValue }
  }

  public var isEmpty: Bool { values.isEmpty }

  /// The canonical JSON document: keys sorted, moments as seconds since 1970 (lossless, as the
  /// managed columns keep them), absent values left out.
  public var json: String {
    let members = values.keys.sorted().compactMap { key -> String? in
      guard let value = values[key] else { return nil }
      return Self.quoted(key) + ":" + Self.json(value)
    }
    return "{" + members.joined(separator: ",") + "}"
  }

  /// Reads a stored document; members with an unknown key or a value of the wrong shape are
  /// skipped (a later release may have written them), never an error.
  public init(json: String?) {
    values = [:]
    guard let json,
      let object = try? JSONDecoder().decode([String: StoredMember].self, from: Data(json.utf8))
    else { return }
    for (key, member) in object {
      guard let attribute = KandjiAttributeCatalogue.attribute(key) else { continue }
      if let value = member.value(as: attribute.type) { values[key] = value }
    }
  }

  public init(from decoder: any Decoder) throws {
    self.init(json: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(json)
  }

  /// One member of a stored document, whatever its JSON type.
  private enum StoredMember: Decodable {
    case flag(Bool)
    case number(Double)
    case text(String)
    case list([String])
    case other

    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let flag = try? c.decode(Bool.self) {
        self = .flag(flag)
      } else if let number = try? c.decode(Double.self) {
        self = .number(number)
      } else if let text = try? c.decode(String.self) {
        self = .text(text)
      } else if let list = try? c.decode([String].self) {
        self = .list(list)
      } else {
        self = .other
      }
    }

    func value(as type: KandjiAttribute.ValueType) -> KandjiAttributeValue? {
      switch (type, self) {
      case (.text, .text(let text)): .text(text)
      case (.date, .text(let text)): .date(text)
      case (.number, .number(let number)): .number(number)
      case (.boolean, .flag(let flag)): .boolean(flag)
      case (.dateTime, .number(let seconds)): .dateTime(Date(timeIntervalSince1970: seconds))
      case (.tags, .list(let tags)): .tags(tags)
      default: nil
      }
    }
  }

  private static func json(_ value: KandjiAttributeValue) -> String {
    switch value {
    case .text(let text), .date(let text): quoted(text)
    case .number(let number): number.isFinite ? KandjiAttributeValue.numberText(number) : "null"
    case .boolean(let flag): flag ? "true" : "false"
    case .dateTime(let date): String(date.timeIntervalSince1970)
    case .tags(let tags): "[" + tags.map(quoted).joined(separator: ",") + "]"
    }
  }

  private static func quoted(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
  }
}
