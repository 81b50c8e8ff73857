import AssetCore
import AssetStore
import Foundation

/// The requester's devices on a ticket page (issue 20): the contact's synced assets with model,
/// OS, last check-in, how fresh their Kandji data is and the console link; each not yet linked
/// to the ticket has a one-click "Link to ticket" form.
enum RequesterDevices {
  struct Device {
    var id: Int64
    var name, displayID: String
    var model, osVersion, lastCheckIn, dataAsOf: String
    var consoleURL: String?
    var linked: Bool
    var retired: Bool
  }

  /// A contact's devices shown at most (a contact with more is rare; the contact page lists all).
  static let limit = 10

  static func load(contactID: Int64?, ticket: Ticket, services: AppServices) async throws -> [Device] {
    guard let contactID else { return [] }
    let store = services.store
    let assets = try await store.assets(AssetQuery(managed: true, contactID: contactID, page: 1, size: limit)).items
    var devices: [Device] = []
    for asset in assets {
      guard let detail = try await store.assetDetail(id: asset.id, recentTickets: 0) else { continue }
      let kandji = asset.kandji
      devices.append(
        Device(
          id: asset.id, name: asset.name, displayID: asset.displayID, model: kandji?.model ?? "—",
          osVersion: kandji?.osVersion ?? "—", lastCheckIn: DisplayDate.text(kandji?.lastCheckIn),
          dataAsOf: DisplayDate.text(detail.listDataAsOf), consoleURL: detail.source?.consoleURL(for: asset),
          linked: ticket.assetIDs.contains(asset.id), retired: asset.isRetired))
    }
    // Active devices first, then by name.
    return devices.sorted { ($0.retired ? 1 : 0, $0.name) < ($1.retired ? 1 : 0, $1.name) }
  }
}
