import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import Logging

/// The Kandji app's use cases, in one place for the web UI, the REST API, the scheduler, the CLI
/// and the demo (R1–R8, R21–R25): install; add or re-authorize a connection (authorize before
/// save, seal the token, send a stored token only to the URL it was saved for); save the mapping
/// (which starts the initial sync); change settings; disable, enable and remove.
///
/// Refusals are `StoreError.invalid` for a field (400), `StoreError.notFound`, and `SyncRefusal`
/// for a state that forbids the action (409).
public struct KandjiConnections: Sendable {
  public let store: any ConnectionStore & CallBudgetStore
  let sealer: TokenSealer
  let coordinator: SyncCoordinator
  let makeClient: KandjiClientFactory
  let policy: KandjiEndpointPolicy

  public init(
    store: any ConnectionStore & CallBudgetStore, sealer: TokenSealer, coordinator: SyncCoordinator,
    policy: KandjiEndpointPolicy,
    makeClient: @escaping KandjiClientFactory
  ) {
    self.store = store
    self.sealer = sealer
    self.coordinator = coordinator
    self.makeClient = makeClient
    self.policy = policy
  }

  /// The time on the coordinator's clock (the application's one clock).
  func now() -> Date { coordinator.clock.now() }

  /// Installs the Kandji app (R1).
  public func install() async throws {
    var settings = try await store.kandjiSettings()
    guard !settings.installed else { return }
    settings.installed = true
    try await store.saveKandjiSettings(settings)
  }

  /// The outcome of `authorize`: Kandji's verdict, and the connection as saved (nil when a new
  /// connection's credentials did not work: nothing is saved then).
  public struct Authorization: Sendable {
    public var diagnosis: AuthorizationDiagnosis
    public var connection: KandjiConnection?
  }

  /// Checks credentials against Kandji before saving them (R3) and creates or updates the
  /// connection. A missing URL or token falls back to the connection's saved one, the token only
  /// for the same origin (R25). `configure` sets a new connection's settings (mapping, pacing).
  /// With `install`, a missing app is installed first (the CLI); otherwise it is a refusal.
  public func authorize(
    connectionID: Int64? = nil, name: String? = nil, url urlText: String?, token tokenText: String?,
    install: Bool = false, configure: (inout ConnectionSettings) -> Void = { _ in }
  ) async throws -> Authorization {
    if install { try await self.install() }
    guard try await store.kandjiSettings().installed else { throw SyncRefusal.notInstalled }
    let existing = try await connectionID.asyncMap { try await connection(id: $0) }
    guard let urlText = urlText ?? existing?.apiURL else {
      throw StoreError.invalid(field: "api_url", message: "This field is required.")
    }
    let url: KandjiBaseURL
    do { url = try KandjiBaseURL(urlText) } catch {
      throw StoreError.invalid(field: "api_url", message: error.description)
    }
    // The URL alone, at once: the host's addresses are looked up and checked by the client,
    // inside the one 10 s deadline of the check (a lookup here, before it, could add 5 s).
    if let problem = policy.hostProblem(with: url) { throw StoreError.invalid(field: "api_url", message: problem) }
    let token = try self.token(tokenText, for: url, existing: existing)
    let ledger = existing.map { StoreCallLedger(store: store, connectionID: $0.id) }
    // Someone waits for the answer: interactive pacing (a 10 s timeout, one retry, no waiting
    // out the budget); the client also ends the whole check within 10 s, lookup included.
    let pacing = (existing?.settings.pacing ?? PacingPolicy()).interactive
    let client = makeClient(KandjiEndpoint(url: url, token: token, pacing: pacing, ledger: ledger))
    let diagnosis = await client.authorize()
    // The optional "List Blueprints" permission (issue 19) is reported, never required.
    let listBlueprints = diagnosis.isAuthorized ? await client.canListBlueprints() : nil

    var settings = existing?.settings ?? ConnectionSettings()
    if existing == nil { configure(&settings) }
    settings.lastAuthorizationCode = diagnosis.code
    settings.lastAuthorizationMessage = diagnosis.message
    settings.lastAuthorizedAt = now()
    if diagnosis.isAuthorized { settings.listBlueprintsPermitted = listBlueprints }
    guard var connection = existing else {
      guard diagnosis.isAuthorized else { return Authorization(diagnosis: diagnosis, connection: nil) }
      let created = try await store.createKandjiConnection(
        KandjiConnectionDraft(
          name: name ?? url.host, apiURL: urlText, sealedToken: try sealer.seal(token), settings: settings),
        at: now())
      return Authorization(diagnosis: diagnosis, connection: created)
    }
    connection.settings = settings
    if diagnosis.isAuthorized {
      connection.apiURL = urlText
      if let tokenText, !tokenText.isEmpty {
        connection.sealedToken = try sealer.seal(token)
        connection.tokenSetAt = now()
      }
      if let name { connection.name = name }
    }
    try await store.saveKandjiConnection(connection)
    return Authorization(diagnosis: diagnosis, connection: connection)
  }

  /// The token to check: the one given, or the saved one when the URL is the one it was saved for.
  private func token(_ text: String?, for url: KandjiBaseURL, existing: KandjiConnection?) throws -> KandjiToken {
    if let text, !text.isEmpty { return KandjiToken(text) }
    guard let existing, let sealed = existing.sealedToken else {
      throw StoreError.invalid(field: "api_token", message: "This field is required.")
    }
    guard existing.apiURL.flatMap({ try? KandjiBaseURL($0) })?.origin == url.origin else {
      throw StoreError.invalid(
        field: "api_token",
        message: "Enter the API token again: the saved token is only ever sent to the URL it was saved for.")
    }
    do { return try sealer.open(sealed) } catch {
      throw StoreError.invalid(field: "api_token", message: error.description)
    }
  }

  /// R5, R7: saves the mapping and, when the connection is enabled, starts the initial sync at
  /// once. Returns the started run (nil when disabled or a run is already going).
  @discardableResult
  public func saveMapping(_ mapping: FieldMapping, connectionID: Int64) async throws -> SyncRun? {
    var connection = try await connection(id: connectionID)
    guard connection.isAuthorized else { throw SyncRefusal.noCredentials(connection.name) }
    connection.settings.mapping = mapping
    try await store.saveKandjiConnection(connection)
    guard connection.enabled else { return nil }
    do {
      return try await coordinator.start(connectionID: connectionID, trigger: .initial)
    } catch StoreError.syncAlreadyRunning {
      return nil
    }
  }

  /// Changes a connection's name or settings (schedule, pacing, refresh), checked.
  @discardableResult
  public func update(connectionID: Int64, _ change: (inout KandjiConnection) throws -> Void) async throws
    -> KandjiConnection
  {
    var connection = try await connection(id: connectionID)
    try change(&connection)
    if let problem = connection.settings.problem {
      throw StoreError.invalid(field: problem.field, message: problem.message)
    }
    try await store.saveKandjiConnection(connection)
    return connection
  }

  /// Disabling stops future runs and the one in progress; its assets stay, read-only (R21).
  public func setEnabled(_ enabled: Bool, connectionID: Int64) async throws {
    try await update(connectionID: connectionID) { $0.enabled = enabled }
    if !enabled { await coordinator.cancelRun(connectionID: connectionID) }
  }

  /// Removes a disabled connection: its assets are retired (never deleted) with a reason, its
  /// runs and reports stay. Returns how many assets were retired.
  @discardableResult
  public func remove(connectionID: Int64) async throws -> Int {
    let connection = try await connection(id: connectionID)
    guard !connection.enabled else { throw SyncRefusal.enabledConnection(connection.name) }
    return try await store.removeKandjiConnection(
      id: connectionID, reason: "the Kandji connection \"\(connection.name)\" was removed", at: now())
  }

  /// A connection in use, or `.notFound`.
  public func connection(id: Int64) async throws -> KandjiConnection {
    guard let connection = try await store.kandjiConnection(id: id), !connection.isRemoved else {
      throw StoreError.notFound("Kandji connection \(id)")
    }
    return connection
  }

  /// The connection in use with this name (case-insensitive), if any.
  public func connection(named name: String) async throws -> KandjiConnection? {
    // The store's own key for names: trimmed, then folded as every name is.
    func key(_ text: String) -> String { NameFolding.fold(text.trimmingCharacters(in: .whitespaces)) }
    return try await store.kandjiConnections(includeRemoved: false).first { key($0.name) == key(name) }
  }

  /// The connection in use whose API URL has this origin, if any.
  public func connection(origin url: KandjiBaseURL) async throws -> KandjiConnection? {
    try await store.kandjiConnections(includeRemoved: false).first {
      $0.apiURL.flatMap { try? KandjiBaseURL($0) }?.origin == url.origin
    }
  }

  /// Calls of the connection in the last hour (R24), for its budget display.
  public func callsInLastHour(connectionID: Int64) async throws -> Int {
    try await StoreCallLedger(store: store, connectionID: connectionID).callsInLastHour(at: now())
  }
}

extension Optional {
  /// `map` with an async transform.
  public func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
    guard let value = self else { return nil }
    return try await transform(value)
  }
}
