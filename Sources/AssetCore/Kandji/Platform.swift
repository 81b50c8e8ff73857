/// A device platform that AssetSync maps to its own managed asset type (R15).
///
/// The raw values are Kandji's spelling of the `platform` field, which is also the name of the
/// managed asset type shown to agents.
public enum Platform: String, Sendable, Hashable, Codable, CaseIterable {
  case mac = "Mac"
  case iPad = "iPad"
  case iPhone = "iPhone"
  case appleTV = "AppleTV"
  case android = "Android"
  case windows = "Windows"

  /// Maps Kandji's `platform` value to a platform, ignoring case and the spellings seen in
  /// other Kandji payloads (`macOS`, `iPadOS`, `tvOS`, `Apple TV`). Unknown values give `nil`.
  public init?(kandjiValue: String) {
    let key = kandjiValue.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" }
    switch key {
    case "mac", "macos", "osx": self = .mac
    case "ipad", "ipados": self = .iPad
    case "iphone", "ios": self = .iPhone
    case "appletv", "tvos": self = .appleTV
    case "android": self = .android
    case "windows", "win": self = .windows
    default: return nil
    }
  }

  /// Whether Kandji's details endpoint reports this platform in the Apple shape
  /// (`general`, `mdm`, `hardware_overview`, …) rather than Android's.
  public var isApple: Bool {
    switch self {
    case .mac, .iPad, .iPhone, .appleTV: true
    case .android, .windows: false
    }
  }
}
