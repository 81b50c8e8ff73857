import Foundation

/// Where a browser may be sent after signing in: only a path on this site.
///
/// Browsers are lenient with what follows `Location:`: they drop tabs and newlines
/// (`/%09/evil.example` → `//evil.example`), treat `\` like `/`, and decode percent escapes
/// before some of these steps. So a target is accepted only if, raw and decoded alike, it starts
/// with a single `/`, holds no backslash, no control character and no whitespace anywhere, and
/// names no scheme or host.
enum LocalRedirect {
  static let fallback = "/assets"
  static let maxLength = 2_000

  static func target(_ next: String?) -> String {
    guard let next, isLocalPath(next) else { return fallback }
    return next
  }

  static func isLocalPath(_ path: String) -> Bool {
    guard path.utf8.count <= maxLength, !path.hasPrefix("/login"), isPlainLocalPath(path) else { return false }
    // Decoded forms (a few rounds, for double encoding) must still name a local path; their
    // query may hold decoded spaces, which are a search's text, not part of where to go.
    var form = path
    for _ in 0..<4 {
      guard let decoded = form.removingPercentEncoding, decoded != form else { return true }
      let pathPart = String(decoded.prefix { $0 != "?" && $0 != "#" })
      guard isPlainLocalPath(pathPart) else { return false }
      form = decoded
    }
    return false
  }

  /// Starts with one `/`, holds no backslash, control, format or whitespace character, and
  /// parses as a URL without scheme or host.
  private static func isPlainLocalPath(_ path: String) -> Bool {
    guard path.hasPrefix("/"), !path.hasPrefix("//") else { return false }
    let unsafe = path.unicodeScalars.contains {
      $0 == "\\" || $0.properties.isWhitespace || $0.properties.generalCategory == .control
        || $0.properties.generalCategory == .format
    }
    guard !unsafe, let components = URLComponents(string: path) else { return false }
    return components.scheme == nil && components.host == nil
  }
}
