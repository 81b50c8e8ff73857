/// The seam between AssetSync and a Kandji tenant. `LiveKandjiClient` talks HTTP; tests and
/// the sync engine's unit tests can provide their own.
///
/// Every method throws only `KandjiError` (or `CancellationError` when its task is cancelled).
public protocol KandjiClient: Sendable {
  /// One page of `GET /api/v1/devices?limit=…&offset=…&ordering=device_id`.
  func devicePage(offset: Int, limit: Int) async throws -> DevicePage
  /// The same, of one blueprint's devices (`&blueprint_id=…`; nil: every device). Kandji's
  /// filter is documented as "containing": callers keep only exact matches.
  func devicePage(offset: Int, limit: Int, blueprintID: String?) async throws -> DevicePage
  /// Every blueprint (`GET /api/v1/blueprints`, all pages); needs the optional "List
  /// Blueprints" permission (`.forbidden` or `.unauthorized` without it).
  func blueprints() async throws -> [KandjiBlueprint]
  /// Whether the token has the optional "List Blueprints" permission (nil: could not tell).
  func canListBlueprints() async -> Bool?
  /// `GET /api/v1/devices?device_id={id}`: the device's list record (one list call), or nil
  /// when the tenant no longer lists it.
  func listedDevice(id: String) async throws -> KandjiDevice?
  /// `GET /api/v1/devices/{id}/details`.
  func deviceDetails(id: String) async throws -> KandjiDeviceDetails
  /// Checks the credentials and both permissions without changing anything (R3).
  func authorize() async -> AuthorizationDiagnosis
  /// Every request made so far by this client.
  var stats: KandjiRequestStats { get }
  /// The device's page in the Kandji web console.
  func consoleURL(deviceID: String) -> String
}

extension KandjiClient {
  /// All devices, page by page, streamed: each page is fetched when the consumer asks for it,
  /// so at most one page is in memory at a time (R14: at most 300 devices a page).
  public func devicePages(pageSize: Int = DevicePages.maxPageSize, blueprintID: String? = nil) -> DevicePages {
    DevicePages(client: self, pageSize: pageSize, blueprintID: blueprintID)
  }
}
