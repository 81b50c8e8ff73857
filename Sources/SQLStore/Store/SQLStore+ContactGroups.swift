import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  public func contactGroups() async throws -> [ContactGroup] {
    try await read { s in
      try await s.fetch("SELECT \(raw: ContactGroupRecord.columns) FROM contact_groups ORDER BY contact_groups.id")
        .decoded(ContactGroupRecord.decode)
    }
  }

  public func contactGroup(id: Int64) async throws -> ContactGroup? {
    try await read { s in try await Self.group(s, id: id) }
  }

  static func group(_ s: Database.Session, id: Int64) async throws -> ContactGroup? {
    try await s.fetch("SELECT \(raw: ContactGroupRecord.columns) FROM contact_groups WHERE id = \(id)")
      .decoded(ContactGroupRecord.decode).first
  }

  public func createContactGroup(_ draft: ContactGroupDraft, at now: Date) async throws -> ContactGroup {
    let name = try StoreInput.name(draft.name)
    return try await write { s in
      let row = try await Duplicate.mapping(Duplicate.name(name)) {
        try await s.fetchOne(
          """
          INSERT INTO contact_groups (name, description, tagged_domains, created_at)
          VALUES (\(name), \(draft.description), \(draft.taggedDomains), \(now)) RETURNING id
          """)
      }
      return ContactGroup(
        id: try row?.int64(at: 0) ?? 0, name: name, description: draft.description, taggedDomains: draft.taggedDomains)
    }
  }

  public func updateContactGroup(id: Int64, _ change: ContactGroupChange) async throws -> ContactGroup {
    let name = try change.name.map { try StoreInput.name($0) }
    return try await write { s in
      guard var group = try await Self.group(s, id: id) else { throw StoreError.notFound("Contact group \(id)") }
      group.name = name ?? group.name
      group.description = change.description ?? group.description
      group.taggedDomains = change.taggedDomains ?? group.taggedDomains
      try await Duplicate.mapping(Duplicate.name(group.name)) {
        try await s.execute(
          """
          UPDATE contact_groups SET name = \(group.name), description = \(group.description),
            tagged_domains = \(group.taggedDomains) WHERE id = \(id)
          """)
      }
      return group
    }
  }

  public func groupMembers(groupID: Int64) async throws -> [GroupMember] {
    try await read { s in
      guard try await Self.group(s, id: groupID) != nil else { throw StoreError.notFound("Contact group \(groupID)") }
      return try await s.fetch(
        """
        SELECT m.access_tickets, \(raw: ContactRecord.columns) FROM contact_group_members m
        JOIN contacts ON contacts.id = m.contact_id WHERE m.group_id = \(groupID) ORDER BY contacts.sort_key, contacts.id
        """
      ).decoded { r in
        let access = try r.bool()
        return GroupMember(contact: try ContactRecord.decode(&r), accessTickets: access)
      }
    }
  }

  public func addGroupMembers(groupID: Int64, _ members: [GroupMemberDraft]) async throws -> [MembershipOutcome] {
    try await write { s in
      guard try await Self.group(s, id: groupID) != nil else { throw StoreError.notFound("Contact group \(groupID)") }
      let ids = members.map(\.contactID)
      let found =
        ids.isEmpty
        ? Set<Int64>()
        : Set(try await s.fetch("SELECT id FROM contacts WHERE id IN (\(list: ids))").map { try $0.int64(at: 0) ?? 0 })
      var outcomes: [MembershipOutcome] = []
      for member in members {
        guard found.contains(member.contactID) else {
          outcomes.append(.noSuchContact(contactID: member.contactID))
          continue
        }
        try await s.execute(
          """
          INSERT INTO contact_group_members (group_id, contact_id, access_tickets)
          VALUES (\(groupID), \(member.contactID), \(member.accessTickets))
          ON CONFLICT (group_id, contact_id) DO UPDATE SET access_tickets = excluded.access_tickets
          """)
        outcomes.append(.added(contactID: member.contactID, accessTickets: member.accessTickets))
      }
      return outcomes
    }
  }

  public func removeGroupMembers(groupID: Int64, contactIDs: [Int64]) async throws -> [MembershipOutcome] {
    try await write { s in
      guard try await Self.group(s, id: groupID) != nil else { throw StoreError.notFound("Contact group \(groupID)") }
      var outcomes: [MembershipOutcome] = []
      for id in contactIDs {
        let removed = try await s.execute(
          "DELETE FROM contact_group_members WHERE group_id = \(groupID) AND contact_id = \(id)")
        if removed > 0 {
          outcomes.append(.removed(contactID: id))
        } else if try await s.fetchOne("SELECT 1 FROM contacts WHERE id = \(id)") == nil {
          outcomes.append(.noSuchContact(contactID: id))
        } else {
          outcomes.append(.notMember(contactID: id))
        }
      }
      return outcomes
    }
  }
}
