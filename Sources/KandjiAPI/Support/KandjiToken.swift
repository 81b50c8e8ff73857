/// A Kandji API token. It prints as `<redacted>` in every description, debug description,
/// `dump` and string interpolation, so it cannot leak into logs or error messages by accident.
public struct KandjiToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// The secret itself: read it only to build the `Authorization` header or to encrypt it.
  public let secret: String

  public init(_ secret: String) {
    self.secret = secret.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Whether the token is empty after trimming.
  public var isEmpty: Bool { secret.isEmpty }

  public var description: String { "<redacted>" }
  public var debugDescription: String { "KandjiToken(<redacted>)" }
  public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
