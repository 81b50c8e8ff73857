/// The seam between AssetSync and a Kandji tenant. `LiveKandjiClient` talks HTTP; tests and
/// the sync engine's unit tests can provide their own.
///
/// Every method throws only `KandjiError` (or `CancellationError` when its task is cancelled).
public protocol KandjiClient: Sendable {
  /// One page of `GET /api/v1/devices?limit=…&offset=…&ordering=device_id`.
  func devicePage(offset: Int, limit: Int) async throws -> DevicePage
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
  public func devicePages(pageSize: Int = DevicePages.maxPageSize) -> DevicePages {
    DevicePages(client: self, pageSize: pageSize)
  }
}
