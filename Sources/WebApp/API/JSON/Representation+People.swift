import AssetCore
import Foundation

extension Representation {
  static func phone(_ phone: Phone) -> JSONValue {
    .object([
      ("id", .int(phone.id)), ("type", .string(phone.type.rawValue)), ("number", .string(phone.number)),
      ("is_primary", .bool(phone.isPrimary)),
    ])
  }

  /// A contact as article 1092 answers it. AssetSync has no contact custom fields: the list is
  /// always empty.
  static func contact(_ contact: Contact, profile: ContactProfile?) -> JSONValue {
    let profile = profile ?? ContactProfile()
    return .object([
      ("id", .int(Int(contact.id))), ("name", .string(contact.name)), ("email", .string(contact.email)),
      ("primary_phone", contact.primaryPhone.map(phone) ?? .null), ("phones", .array(contact.phones.map(phone))),
      ("created_at", HappyFoxDate.json(contact.createdAt)), ("updated_at", HappyFoxDate.json(contact.updatedAt)),
      ("tickets_count", .int(profile.ticketsCount)), ("pending_tickets_count", .int(profile.pendingTicketsCount)),
      (
        "contact_groups",
        .array(
          profile.groups.map {
            var members = groupMembers($0.group)
            members.append(("access_all_tickets_in_group", .bool($0.accessTickets)))
            return .object(members)
          })
      ),
      ("custom_fields", .array([])),
    ])
  }

  static func groupMembers(_ group: ContactGroup) -> [(String, JSONValue)] {
    [
      ("id", .int(Int(group.id))), ("name", .string(group.name)), ("description", .string(group.description)),
      ("tagged_domains", .string(group.taggedDomains)),
    ]
  }

  static func group(_ group: ContactGroup) -> JSONValue { .object(groupMembers(group)) }

  static func group(_ group: ContactGroup, members: [GroupMember]) -> JSONValue {
    .object(
      groupMembers(group) + [
        (
          "contacts",
          .array(
            members.map {
              .object([
                ("id", .int(Int($0.contact.id))), ("name", .string($0.contact.name)),
                ("email", .string($0.contact.email)), ("access_tickets", .bool($0.accessTickets)),
              ])
            })
        )
      ])
  }

  /// What an agent may do, in HappyFox's permission names (only those AssetSync has).
  static func permissions(_ agent: Agent) -> [String] {
    let everyone = [
      "manage_assets", "edit_ticket_asset_info", "create_contacts", "edit_contacts", "manage_contacts",
      "manage_contact_groups", "assign_tickets", "close_tickets", "delete_tickets", "move_tickets", "add_tags",
      "create_and_add_tags", "view_contacts_tab", "view_contact_groups_tab",
    ]
    let admins = ["manage_asset_types", "manage_asset_fields", "manage_integrations", "manage_staff"]
    return agent.isAdmin ? everyone + admins : everyone
  }

  /// An agent as article 360's `staff/` answers it.
  static func staff(_ agent: Agent, categories: [TicketCategory]) -> JSONValue {
    .object([
      ("id", .int(Int(agent.id))), ("name", .string(agent.name)), ("email", .string(agent.email)),
      (
        "role",
        .object([
          ("id", .int(agent.isAdmin ? 1 : 2)), ("name", .string(agent.isAdmin ? "Administrator" : "Agent")),
        ])
      ),
      ("active", .bool(agent.isActive)), ("is_account_admin", .bool(agent.isAdmin)),
      ("categories", .array(categories.map { .int(Int($0.id)) })),
      ("permissions", .array(permissions(agent).map(JSONValue.string))),
    ])
  }

  /// The `by` of a thread entry.
  static func author(agent: Agent?, contact: Contact?) -> JSONValue {
    if let agent {
      return .object([
        ("id", .int(Int(agent.id))), ("name", .string(agent.name)), ("email", .string(agent.email)),
        ("type", .string("staff")),
      ])
    }
    if let contact {
      return .object([
        ("id", .int(Int(contact.id))), ("name", .string(contact.name)), ("email", .string(contact.email)),
        ("type", .string("user")),
      ])
    }
    return .null
  }

  static func status(_ status: TicketStatus) -> JSONValue {
    .object([
      ("id", .int(Int(status.id))), ("name", .string(status.name)), ("color", .string(status.color)),
      ("order", .int(status.order)), ("default", .bool(status.isDefault)),
      ("behavior", .string(status.behavior.rawValue)),
    ])
  }

  static func priority(_ priority: TicketPriority) -> JSONValue {
    .object([
      ("id", .int(Int(priority.id))), ("name", .string(priority.name)), ("order", .int(priority.order)),
      ("default", .bool(priority.isDefault)),
    ])
  }

  static func category(_ category: TicketCategory) -> JSONValue {
    .object([
      ("id", .int(Int(category.id))), ("name", .string(category.name)), ("description", .string(category.description)),
      ("public", .bool(category.isPublic)), ("prepopulate_cc", .string("")), ("time_spent_mandatory", .bool(false)),
      ("prefix", .string(category.prefix)),
    ])
  }
}
