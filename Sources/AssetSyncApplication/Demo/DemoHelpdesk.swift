import AssetCore
import AssetStore
import Foundation

/// The demo's helpdesk: categories beside the seeded "General", a contact group, and a few ticket
/// threads (a contact's message, agents' replies and private notes, status and priority changes,
/// tags), the first three linked to synced Macs so their Recent Tickets show them.
struct DemoHelpdesk {
  let store: any AssetStore

  func seed(adminEmail: String, macs: [Asset], now: Date) async throws {
    let hardware = try? await store.createTicketCategory(
      name: "Hardware", description: "Broken, slow or missing devices.", prefix: "HW")
    let access = try? await store.createTicketCategory(
      name: "Access", description: "Accounts, Wi-Fi and VPN.", prefix: "ACC")
    _ = try? await store.createContactGroup(
      ContactGroupDraft(name: "Front office", description: "Reception and facilities", taggedDomains: ""), at: now)
    let catalog = try await store.ticketCatalog()
    func status(_ name: String) -> Int64? { catalog.statuses.first { $0.name == name }?.id }
    func priority(_ name: String) -> Int64? { catalog.priorities.first { $0.name == name }?.id }
    let admin = try await store.agentCredentials(email: adminEmail)?.agent
    let frontDesk = try await store.contact(email: "frontdesk@example.com")
    let threads: [(String, Int64?, String, [String], String)] = [
      ("Battery drains overnight", hardware?.id, "High", ["battery"], "The battery is empty every morning."),
      ("Cannot connect to office Wi-Fi", access?.id, "Medium", ["wifi", "network"], "Wi-Fi drops after a minute."),
      ("Request: more storage", hardware?.id, "Low", [], "The disk is full again; can I get a bigger one?"),
      ("Badge reader at the front door", nil, "Medium", ["facilities"], "The reader beeps but the door stays shut."),
    ]
    for (index, thread) in threads.enumerated() {
      let asset = index < macs.count ? macs[index] : nil
      let contact = try await asset.asyncMap { try await store.contactLinks(assetID: $0.id).first?.contact.id } ?? nil
      let ticket = try await store.createTicket(
        TicketDraft(
          subject: thread.0, contactID: contact ?? frontDesk?.id, priorityID: priority(thread.2),
          categoryID: thread.1, tags: thread.3, assetIDs: asset.map { [$0.id] } ?? [],
          message: TicketMessage.from(text: thread.4, html: nil)), at: now - Double(4 - index) * 3_600)
      guard let admin, index != 2 else { continue }
      _ = try await store.applyTicketAction(
        ticket.id,
        TicketAction(
          kind: .staffUpdate, byAgentID: admin.id,
          message: TicketMessage.from(text: "Thanks — looking into it today.", html: nil), statusID: status("Open"),
          assignee: .assign(admin.id)), at: now - Double(4 - index) * 3_600 + 600)
      _ = try await store.applyTicketAction(
        ticket.id,
        TicketAction(
          kind: .privateNote, byAgentID: admin.id,
          message: TicketMessage.from(text: "Checked the device in Kandji: last check-in is recent.", html: nil)),
        at: now - Double(4 - index) * 3_600 + 900)
      if index == 0, let contact = ticket.contactID {
        _ = try await store.applyTicketAction(
          ticket.id,
          TicketAction(
            kind: .userReply, byContactID: contact,
            message: TicketMessage.from(text: "It happened again last night.", html: nil)),
          at: now - Double(4 - index) * 3_600 + 1_200)
      }
      if index == 3 {
        _ = try await store.applyTicketAction(
          ticket.id,
          TicketAction(
            kind: .staffUpdate, byAgentID: admin.id,
            message: TicketMessage.from(text: "Facilities replaced the reader.", html: nil), statusID: status("Solved")),
          at: now - 60)
      }
    }
  }
}
