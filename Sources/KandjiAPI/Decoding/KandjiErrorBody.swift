import Foundation

/// Reads a human message out of a Kandji error body, whatever its shape (Kandji documents none): a bare
/// JSON string, an array of strings, DRF's `{"detail": …}` or field errors, Kong's
/// `{"message": …}`, or an HTML page.
public enum KandjiErrorBody {
  /// At most this many characters of a message are kept, so a huge body cannot flood logs.
  static let maxLength = 300

  public static func message(from body: [UInt8]) -> String? {
    guard !body.isEmpty else { return nil }
    let data = Data(body)
    if let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
      return clip(flatten(json))
    }
    let text = String(decoding: body, as: UTF8.self)
    if let title = htmlTitle(text) { return clip(title) }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : clip(trimmed)
  }

  /// Whether the body looks like an HTML page rather than an API answer.
  public static func isHTML(_ body: [UInt8]) -> Bool {
    let head = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
    return head.contains("<html") || head.contains("<!doctype html") || head.contains("<h1>")
  }

  private static func flatten(_ json: Any) -> String? {
    switch json {
    case let text as String: return text
    case let list as [Any]: return list.compactMap(flatten).joined(separator: "; ")
    case let object as [String: Any]:
      for key in ["detail", "message", "error", "errors"] {
        if let value = object[key], let text = flatten(value) { return text }
      }
      let parts = object.keys.sorted().compactMap { key in flatten(object[key]!).map { "\(key): \($0)" } }
      return parts.isEmpty ? nil : parts.joined(separator: "; ")
    case let number as NSNumber: return number.stringValue
    default: return nil
    }
  }

  private static func htmlTitle(_ text: String) -> String? {
    for tag in ["h1", "title"] {
      if let start = text.range(of: "<\(tag)>", options: .caseInsensitive),
        let end = text.range(of: "</\(tag)>", options: .caseInsensitive, range: start.upperBound..<text.endIndex)
      {
        let inner = text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        if !inner.isEmpty { return inner }
      }
    }
    return nil
  }

  private static func clip(_ text: String?) -> String? {
    guard let text else { return nil }
    let single = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return single.count > maxLength ? String(single.prefix(maxLength)) + "…" : single
  }
}
