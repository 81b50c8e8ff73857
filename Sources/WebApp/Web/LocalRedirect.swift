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
    guard path.utf8.count <= maxLength, !path.hasPrefix("/login") else { return false }
    var form = path
    // Decode until stable (a few rounds at most), checking every form a browser might see.
    for _ in 0..<4 {
      guard isPlainLocalPath(form) else { return false }
      guard let decoded = form.removingPercentEncoding, decoded != form else { return true }
      form = decoded
    }
    return false
  }

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
