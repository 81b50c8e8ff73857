import AssetCore
import Foundation

/// The Kandji app's app-wide settings (R1). Everything about a tenant lives on its
/// `KandjiConnection`; earlier releases kept it here, and migration v6 moved it to connection #1.
public struct KandjiSettings: Sendable, Hashable, Codable {
  /// Installed by an admin: the app's pages and connections are available.
  public var installed = false

  public init(installed: Bool = false) { self.installed = installed }
}
