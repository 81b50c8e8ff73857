import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import SyncService

/// Sets up a demo instance through the same use cases the API uses: installs the Kandji app and
/// authorizes a connection to a simulator, creates contacts for some Kandji users (so the sync links
/// them, R13), saves the default mapping (which starts the initial sync, R7), waits for it, and
/// adds tickets linked to synced assets plus an admin with an API key.
public struct DemoSeeder: Sendable {
  /// What the demo prints: the admin's credentials, an API key and the initial sync's run.
  public struct Result: Sendable {
    public var adminEmail: String
    public var adminPassword: String
    public var apiKey: String
    public var authCode: String
    public var run: SyncRun?
  }

  let application: AssetSyncApp

  public init(application: AssetSyncApp) { self.application = application }

  /// - Parameter setUpKandji: `false` leaves the Kandji app uninstalled, for walking through the
  ///   setup by hand (the browser tests do).
  public func seed(
    kandjiURL: String, token: String, userEmails: [String], setUpKandji: Bool = true,
    onProgress: @escaping @Sendable (String) -> Void
  ) async throws -> Result {
    let store = application.store
    let now = application.now()
    for (index, email) in Set(userEmails.map { $0.lowercased() }).sorted().prefix(6).enumerated() {
      let local = email.split(separator: "@").first ?? ""
      let name = local.split(separator: ".").map { $0.filter(\.isLetter).capitalized }.joined(separator: " ")
      _ = try? await store.createContact(
        name: name.isEmpty ? "Contact \(index)" : name, email: email, phones: [], at: now)
    }
    _ = try? await store.createContact(
      name: "Front Desk", email: "frontdesk@example.com", phones: ["+1 555 0100"], at: now)
    guard setUpKandji else {
      let result = try await admin(now: now, run: nil)
      try await DemoHelpdesk(store: store).seed(adminEmail: result.adminEmail, macs: [], now: now)
      return result
    }
    // The same path an admin takes: install, authorize before saving, save the mapping (which
    // starts the initial sync).
    let outcome = try await application.connections.authorize(
      name: "Demo tenant", url: kandjiURL, token: token, install: true)
    guard let connection = outcome.connection else {
      throw DemoError(message: "the simulator refused the demo token: \(outcome.diagnosis.message)")
    }
    onProgress("Initial sync from the Kandji simulator…")
    var run: SyncRun?
    if try await application.connections.saveMapping(.default, connectionID: connection.id) != nil {
      run = await application.coordinator.waitForRun(connectionID: connection.id)
    }

    let macType = try await store.managedType(for: .mac)
    let macs = try await store.assets(AssetQuery(assetTypeID: macType.id, page: 1, size: 3)).items
    let result = try await admin(now: now, run: run)
    try await DemoHelpdesk(store: store).seed(adminEmail: result.adminEmail, macs: macs, now: now)
    return result
  }

  /// A fresh demo admin with an API key.
  func admin(now: Date, run: SyncRun?) async throws -> Result {
    let store = application.store
    let suffix = SecretTokens.random(bytes: 3).lowercased().filter { $0.isLetter || $0.isNumber }
    let email = "admin-\(suffix)@example.com"
    let password = SecretTokens.random(bytes: 12)
    let admin = try await store.createAgent(
      email: email, name: "Demo Admin", role: .admin, passwordHash: application.accounts.passwords.hash(password),
      at: now)
    let key = try await APIKeyIssuer.issue(for: admin, store: store, at: now)
    return Result(adminEmail: email, adminPassword: password, apiKey: key.key, authCode: key.authCode, run: run)
  }
}

/// A demo step that could not be done (the simulator refused its token).
public struct DemoError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { "Demo setup failed: \(message)" }
}
