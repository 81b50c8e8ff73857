import AssetCore
import AssetStore
import Foundation
import KandjiAPI
import SyncService

/// What an admin can do with the Kandji app, shared by the REST API and the admin page so both
/// follow the same rules (R1–R8, R21).
struct KandjiAppActions {
  let services: AppServices
  var store: any AssetStore { services.store }

  func install() async throws {
    var settings = try await store.kandjiSettings()
    guard !settings.installed else { return }
    settings.installed = true
    settings.enabled = true
    try await store.saveKandjiSettings(settings)
  }

  /// R3: checks credentials against Kandji before saving them; only working ones are saved.
  /// A missing URL falls back to the stored one, a missing token too, but only for the same
  /// origin: the stored token is never sent to a URL it was not saved for (R25). Throws field
  /// errors for unusable input, including a URL the endpoint policy refuses.
  func authorize(url urlText: String?, token tokenText: String?) async throws -> AuthorizationDiagnosis {
    var settings = try await store.kandjiSettings()
    guard settings.installed else { throw APIError(.conflict, SyncRefusal.notInstalled.description) }
    guard let urlText = urlText ?? settings.apiURL else { throw APIError.field("api_url", "This field is required.") }
    let url: KandjiBaseURL
    do { url = try KandjiBaseURL(urlText) } catch { throw APIError.field("api_url", error.description) }
    if let problem = await services.kandjiEndpoints.problem(with: url) { throw APIError.field("api_url", problem) }
    let token: KandjiToken
    if let tokenText, !tokenText.isEmpty {
      token = KandjiToken(tokenText)
    } else if let sealed = settings.sealedToken {
      let storedOrigin = settings.apiURL.flatMap { try? KandjiBaseURL($0) }?.origin
      guard storedOrigin == url.origin else {
        throw APIError.field(
          "api_token", "Enter the API token again: the saved token is only ever sent to the URL it was saved for.")
      }
      do { token = try services.sealer.open(sealed) } catch { throw APIError.field("api_token", error.description) }
    } else {
      throw APIError.field("api_token", "This field is required.")
    }
    let diagnosis = await services.makeClient(url, token).authorize()
    settings.lastAuthorizationCode = diagnosis.code
    settings.lastAuthorizationMessage = diagnosis.message
    settings.lastAuthorizedAt = services.now()
    if diagnosis.isAuthorized {
      settings.apiURL = urlText
      if let tokenText, !tokenText.isEmpty {
        settings.sealedToken = try services.sealer.seal(token)
        settings.tokenSetAt = services.now()
      }
    }
    try await store.saveKandjiSettings(settings)
    return diagnosis
  }

  /// R5, R7: saves the mapping and, when the app is enabled, starts the initial sync at once.
  /// Returns the started run (nil when disabled or a run is already going).
  func saveMapping(_ mapping: FieldMapping) async throws -> SyncRun? {
    var settings = try await store.kandjiSettings()
    guard settings.installed else { throw APIError(.conflict, SyncRefusal.notInstalled.description) }
    guard settings.apiURL != nil, settings.sealedToken != nil else {
      throw APIError(.conflict, SyncRefusal.noCredentials.description)
    }
    settings.mapping = mapping
    try await store.saveKandjiSettings(settings)
    guard settings.enabled else { return nil }
    do {
      return try await services.coordinator.start(trigger: .initial)
    } catch let error as StoreError {
      guard case .syncAlreadyRunning = error else { throw error }
      return nil
    }
  }

  func setEnabled(_ enabled: Bool) async throws {
    var settings = try await store.kandjiSettings()
    guard settings.installed else { throw APIError(.conflict, SyncRefusal.notInstalled.description) }
    settings.enabled = enabled
    try await store.saveKandjiSettings(settings)
    // Disabling stops syncs, including one in progress; imported assets stay as they are (R21).
    if !enabled { await services.coordinator.cancelCurrentRun() }
  }

  func setSchedule(_ schedule: SyncSchedule, detailsRefresh: Int? = nil) async throws {
    if let problem = schedule.problem { throw APIError.field("schedule", problem) }
    var settings = try await store.kandjiSettings()
    settings.schedule = schedule
    if let detailsRefresh { settings.detailsRefreshPerRun = detailsRefresh }
    try await store.saveKandjiSettings(settings)
  }
}
