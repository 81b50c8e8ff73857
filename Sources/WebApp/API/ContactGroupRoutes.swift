import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// Contact groups as article 1092: list, detail with contacts, create, edit, and adding or
/// removing contacts with one result per contact.
struct ContactGroupRoutes {
  let services: AppServices
  var store: any ContactStore { services.store }

  func register(_ api: APIRoutes<AgentAccess>) {
    api.get("contact_groups") { _, context in
      return .json(.array(try await store.contactGroups().map(Representation.group)))
    }
    api.post("contact_groups") { request, context in
      let body = try await BodyReader.read(request)
      let write = GroupWrite.read(body, creating: true)
      try body.validate(.fieldList)
      let group = try await Styled.fieldList {
        try await store.createContactGroup(
          ContactGroupDraft(
            name: write.name ?? "", description: write.description ?? "", taggedDomains: write.taggedDomains ?? ""),
          at: services.now())
      }
      return .json(try await detail(group))
    }
    api.get("contact_group/:id") { request, context in
      return .json(try await detail(try await group(request, context)))
    }
    api.post("contact_group/:id") { request, context in
      let current = try await group(request, context)
      let body = try await BodyReader.read(request)
      let write = GroupWrite.read(body, creating: false)
      try body.validate(.fieldList)
      let group = try await Styled.fieldList {
        try await store.updateContactGroup(
          id: current.id,
          ContactGroupChange(name: write.name, description: write.description, taggedDomains: write.taggedDomains))
      }
      return .json(try await detail(group))
    }
    api.post("contact_group/:id/update_contacts") { request, context in
      let group = try await group(request, context)
      guard case .array(let items) = try await JSONBody.read(request), items.count <= 100 else {
        throw APIError(.badRequest, "Send a list of at most 100 {\"contact\", \"access_tickets\"} objects.")
      }
      var drafts: [GroupMemberDraft?] = []
      var problems: [Int: FieldErrors] = [:]
      for (index, item) in items.enumerated() {
        let entry = try? BodyReader.object(item)
        entry?.rejectUnknown(allowed: ["contact", "access_tickets"])
        let contact = entry?.id("contact", required: true)
        let access = entry?.bool("access_tickets") ?? false
        if let entry, entry.errors.isEmpty, let contact {
          drafts.append(GroupMemberDraft(contactID: contact, accessTickets: access))
        } else {
          var errors = entry?.errors ?? FieldErrors()
          if entry == nil { errors.add("contact", "Each entry is an object with contact and access_tickets.") }
          problems[index] = errors
          drafts.append(nil)
        }
      }
      let outcomes = try await store.addGroupMembers(groupID: group.id, drafts.compactMap { $0 })
      var next = outcomes.makeIterator()
      return .json(
        .array(
          drafts.enumerated().map { index, draft in
            guard draft != nil, let outcome = next.next() else {
              return failure(problems[index]?.json(.fieldList) ?? .array([]))
            }
            switch outcome {
            case .added(let contact, let access):
              return .object([
                ("data", .object([("access_tickets", .bool(access)), ("contact", .int(Int(contact)))])),
                ("success", .bool(true)),
              ])
            default:
              var errors = FieldErrors()
              errors.add("contact", "Select a valid choice. That choice is not one of the available choices.")
              return failure(errors.json(.fieldList))
            }
          }))
    }
    api.post("contact_group/:id/delete_contacts") { request, context in
      let group = try await group(request, context)
      let body = try await BodyReader.read(request)
      body.rejectUnknown(allowed: ["contacts"])
      let ids = body.ids("contacts", maxCount: 100)
      guard let ids, body.errors.isEmpty else {
        if !body.has("contacts") { body.add("contacts", "This field is required.") }
        throw body.failure(.fieldList)
      }
      let outcomes = try await store.removeGroupMembers(groupID: group.id, contactIDs: ids)
      return .json(
        .array(
          outcomes.map { outcome in
            let (contact, message, success): (Int64, String, Bool) =
              switch outcome {
              case .removed(let id): (id, "Successfully removed contact from group", true)
              case .notMember(let id): (id, "Contact not part of the contact group", false)
              case .noSuchContact(let id), .added(let id, _): (id, "Contact does not exist", false)
              }
            return .object([
              ("data", .object([("message", .string(message)), ("contact", .int(Int(contact)))])),
              ("success", .bool(success)),
            ])
          }))
    }
  }

  func failure(_ errors: JSONValue) -> JSONValue { .object([("errors", errors), ("success", .bool(false))]) }

  func group(_ request: Request, _ context: AgentContext) async throws -> ContactGroup {
    let id = try request.id(context, what: "Contact group")
    guard let group = try await store.contactGroup(id: id) else { throw APIError.notFound("Contact group \(id)") }
    return group
  }

  func detail(_ group: ContactGroup) async throws -> JSONValue {
    Representation.group(group, members: try await store.groupMembers(groupID: group.id))
  }
}

/// The body of `POST contact_groups/` and `POST contact_group/<id>/`.
struct GroupWrite {
  var name: String?
  var description: String?
  var taggedDomains: String?

  static func read(_ body: BodyReader, creating: Bool) -> GroupWrite {
    body.rejectUnknown(allowed: ["name", "description", "tagged_domains"])
    var write = GroupWrite()
    if creating || body.has("name") { write.name = body.string("name", TextRules.name, required: true) }
    write.description = body.string("description", TextRules.description)
    write.taggedDomains = body.string("tagged_domains", TextRules.taggedDomains)
    return write
  }
}
