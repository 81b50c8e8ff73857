import AssetCore
import AssetStore
import AssetStoreTestSupport
import Foundation
import Testing

/// Contacts as HappyFox's article 1092 has them, on every backend: phones with ids and types,
/// edits, `q=` terms, groups (tagged domains, membership) and ticket counts.
@Suite("AssetStore contract: contacts and groups")
struct ContactContractTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test("phones: types, one primary, edited by id; updates keep the rest", arguments: StoreBackend.allCases)
  func phones(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let ann = try await store.createContact(
      ContactDraft(
        name: "Ann", email: "ann@example.com",
        phones: [
          PhoneDraft(type: .mobile, number: " 987654321 "), PhoneDraft(type: .work, number: "876", isPrimary: true),
        ]),
      at: now)
    #expect(
      ann.phones == [
        Phone(id: 1, type: .mobile, number: "987654321"), Phone(id: 2, type: .work, number: "876", isPrimary: true),
      ])
    #expect(ann.primaryPhone?.id == 2)
    #expect(try await store.contact(id: ann.id) == ann)
    let edited = try await store.updateContact(
      id: ann.id,
      ContactChange(
        name: "Ann Lee", phones: [PhoneDraft(id: 1, number: "555-0123", isPrimary: true), PhoneDraft(number: "7")]),
      at: now + 5)
    #expect(edited.name == "Ann Lee")
    #expect(edited.phones.map(\.number) == ["555-0123", "876", "7"])
    #expect(edited.phones.map(\.isPrimary) == [true, false, false])
    #expect(edited.phones.map(\.id) == [1, 2, 3])
    #expect(edited.updatedAt == now + 5)
    #expect(try await store.contact(id: ann.id) == edited)
    let bob = try await store.createContact(name: "Bob", email: "bob@example.com", phones: [], at: now)
    await #expect(throws: StoreError.duplicateEmail("BOB@example.com")) {
      try await store.updateContact(id: ann.id, ContactChange(email: "BOB@example.com"), at: now)
    }
    await #expect(throws: StoreError.notFound("Contact 999")) {
      try await store.updateContact(id: 999, ContactChange(name: "X"), at: now)
    }
    await #expect(throws: StoreError.invalid(field: "phones", message: "A phone number has 1 to 50 characters.")) {
      try await store.createContact(
        ContactDraft(name: "C", email: "c@example.com", phones: [PhoneDraft(number: " ")]), at: now)
    }
    #expect(try await store.contacts(ids: [bob.id, ann.id]).map(\.id).sorted() == [ann.id, bob.id])
  }

  @Test("q terms: name, email, phone digits, since, free words; all must hold", arguments: StoreBackend.allCases)
  func search(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let adam = try await store.createContact(
      ContactDraft(name: "Adam Smith", email: "adam@example.com", phones: [PhoneDraft(number: "+1 123-123-1234")]),
      at: now)
    let zoe = try await store.createContact(name: "Zoë Adams", email: "zoe@acme.com", phones: [], at: now + 86_400)
    func found(_ q: String) async throws -> [Int64] {
      try await store.contacts(ContactQuery(terms: try ContactSearch.parse(q))).items.map(\.id)
    }
    #expect(try await found("name:adam") == [adam.id, zoe.id])
    #expect(try await found("name:adam email:adam@example.com") == [adam.id])
    #expect(try await found("email:acme") == [zoe.id])
    #expect(try await found("phone:11231231234") == [adam.id])
    #expect(try await found("phone:999") == [])
    #expect(try await found("created_since:2026-05-29") == [zoe.id])
    #expect(try await found("updated_since:2026-05-28T00:00:00Z") == [adam.id, zoe.id])
    #expect(try await found("ZOË") == [zoe.id])
    #expect(try await store.contacts(ContactQuery(search: "smith")).items.map(\.id) == [adam.id])
  }

  @Test("groups: create, edit, tagged domains, members with ticket access, counts", arguments: StoreBackend.allCases)
  func groups(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let acme = try await store.createContactGroup(
      ContactGroupDraft(name: "Acme", description: "Customers", taggedDomains: "acme.com, Example.org"), at: now)
    await #expect(throws: StoreError.duplicateName("ACME")) {
      try await store.createContactGroup(ContactGroupDraft(name: "ACME"), at: now)
    }
    let tagged = try await store.createContact(name: "Tia", email: "tia@EXAMPLE.org", phones: [], at: now)
    let other = try await store.createContact(name: "Oli", email: "oli@sub.acme.com", phones: [], at: now)
    #expect(try await store.groupMembers(groupID: acme.id).map(\.contact.id) == [tagged.id])
    let outcomes = try await store.addGroupMembers(
      groupID: acme.id, [GroupMemberDraft(contactID: other.id, accessTickets: true), GroupMemberDraft(contactID: 999)])
    #expect(outcomes == [.added(contactID: other.id, accessTickets: true), .noSuchContact(contactID: 999)])
    let removed = try await store.removeGroupMembers(groupID: acme.id, contactIDs: [tagged.id, tagged.id, 999])
    #expect(
      removed == [.removed(contactID: tagged.id), .notMember(contactID: tagged.id), .noSuchContact(contactID: 999)])
    let renamed = try await store.updateContactGroup(
      id: acme.id, ContactGroupChange(name: "Acme Inc.", taggedDomains: ""))
    #expect(renamed.name == "Acme Inc.")
    #expect(try await store.contactGroups() == [renamed])
    await #expect(throws: StoreError.notFound("Contact group 999")) { try await store.groupMembers(groupID: 999) }
    let catalog = try await store.ticketCatalog()
    let closed = try #require(catalog.statuses.first { $0.behavior == .completed })
    _ = try await store.createTicket(TicketDraft(subject: "One", contactID: other.id), at: now)
    _ = try await store.createTicket(TicketDraft(subject: "Two", contactID: other.id, statusID: closed.id), at: now)
    let profiles = try await store.contactProfiles(ids: [other.id, tagged.id])
    #expect(profiles[other.id]?.groups == [GroupMembership(group: renamed, accessTickets: true)])
    #expect(profiles[other.id]?.ticketsCount == 2)
    #expect(profiles[other.id]?.pendingTicketsCount == 1)
    #expect(profiles[tagged.id] == ContactProfile())
  }
}
