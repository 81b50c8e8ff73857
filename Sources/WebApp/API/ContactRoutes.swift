import AssetCore
import AssetStore
import Foundation
import Hummingbird

/// `users/` and `user/<id or email>/`: HappyFox's contacts (article 1092). `POST users/` adds a
/// contact or, for an email that exists, edits it; a list of up to 100 answers one result each.
struct ContactRoutes {
  let services: AppServices
  var store: any ContactStore & AssetRecordStore { services.store }

  func register(_ api: APIRoutes<AgentAccess>) {
    api.get("users", query: ["size", "page", "q"]) { request, context in
      let paging = try Paging.from(request)
      let terms: ContactSearch
      let text = try request.searchText() ?? ""
      do throws(SearchError) { terms = try ContactSearch.parse(text) } catch {
        throw APIError.field("q", error.description)
      }
      let page = try await store.contacts(ContactQuery(terms: terms, page: paging.page, size: paging.size))
      let profiles = try await store.contactProfiles(ids: page.items.map(\.id))
      return .json(Paging.envelope(page) { Representation.contact($0, profile: profiles[$0.id]) })
    }
    api.post("users") { request, context in
      switch try await JSONBody.read(request) {
      case .array(let items):
        guard items.count <= 100 else { throw APIError.field("non_field_errors", "Send at most 100 contacts at once.") }
        var results: [JSONValue] = []
        for item in items { results.append(await saveOne(item)) }
        return .json(.array(results))
      case let body:
        let reader = try BodyReader.object(body)
        let contact = try await save(ContactWrite.read(reader), reader)
        return .json(try await detail(contact))
      }
    }
    api.get("user/:id") { request, context in
      return .json(try await detail(try await contact(request, context), withAssets: true))
    }
    api.post("user/:id") { request, context in
      let current = try await contact(request, context)
      let reader = try await BodyReader.read(request)
      let write = ContactWrite.read(reader)
      if reader.has("name"), write.name?.isEmpty != false { reader.add("name", "This field is required.") }
      try reader.validate(.fieldList)
      let contact = try await Styled.fieldList {
        try await store.updateContact(
          id: current.id, ContactChange(name: write.name, email: write.email, phones: write.phones), at: services.now())
      }
      return .json(try await detail(contact))
    }
  }

  /// Adds the contact, or edits the one with its email.
  func save(_ write: ContactWrite, _ reader: BodyReader) async throws -> Contact {
    if write.email == nil, reader.errors.flattened.allSatisfy({ $0.0 != "email" }) {
      reader.add("email", "This field is required.")
    }
    try reader.validate(.fieldList)
    let email = write.email ?? ""
    return try await Styled.fieldList {
      if let existing = try await store.contact(email: email) {
        return try await store.updateContact(
          id: existing.id, ContactChange(name: write.name, phones: write.phones), at: services.now())
      }
      guard let name = write.name, !name.isEmpty else {
        throw StoreError.invalid(field: "name", message: "This field is required.")
      }
      return try await store.createContact(
        ContactDraft(name: name, email: email, phones: write.phones ?? []), at: services.now())
    }
  }

  /// One contact of a list: `{email, success, id}`, or the problems.
  func saveOne(_ item: JSONBody) async -> JSONValue {
    let email: JSONValue = {
      if case .object(let object) = item, let email = object["email"]?.text { return .string(email) }
      return .null
    }()
    do {
      let reader = try BodyReader.object(item)
      let contact = try await save(ContactWrite.read(reader), reader)
      return .object([("email", .string(contact.email)), ("success", .bool(true)), ("id", .int(Int(contact.id)))])
    } catch let error as APIError {
      return .object([("email", email), ("success", .bool(false)), ("error", error.errorMember)])
    } catch {
      return .object([("email", email), ("success", .bool(false)), ("error", .string("The contact was not saved."))])
    }
  }

  func contact(_ request: Request, _ context: AgentContext) async throws -> Contact {
    let key = context.parameters.get("id") ?? ""
    let contact: Contact? =
      if let id = Int64(key) { try await store.contact(id: id) } else { try await store.contact(email: key) }
    guard let contact else { throw APIError.notFound("Contact \(key)") }
    return contact
  }

  /// The contact as article 1092 answers it, plus its assets (AssetSync's addition) on `user/<id>/`.
  func detail(_ contact: Contact, withAssets: Bool = false) async throws -> JSONValue {
    let profile = try await store.contactProfiles(ids: [contact.id])[contact.id]
    guard withAssets, case .object(var members) = Representation.contact(contact, profile: profile) else {
      return Representation.contact(contact, profile: profile)
    }
    let assets = try await store.assets(AssetQuery(contactID: contact.id, page: 1, size: 50)).items
    members.append(
      (
        "assets",
        .array(
          assets.map {
            .object([("id", .int(Int($0.id))), ("display_id", .string($0.displayID)), ("name", .string($0.name))])
          })
      ))
    return .object(members)
  }
}

/// Store refusals answered in an endpoint's HappyFox error shape.
enum Styled {
  static func fieldList<T>(_ body: () async throws -> T) async throws -> T { try await run(.fieldList, body) }

  static func run<T>(_ style: FieldErrors.Style, _ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as StoreError {
      var errors = FieldErrors()
      switch error {
      case .invalid(let field, let message): errors.add(field, message)
      case .duplicateEmail: errors.add("email", error.description)
      case .duplicateName: errors.add("name", error.description)
      case .duplicateDisplayID: errors.add("display_id", error.description)
      default: throw error
      }
      throw APIError(errors: errors, style: style)
    }
  }
}

extension APIError {
  /// The `error` member of the body (a list result's error).
  var errorMember: JSONValue {
    switch problem {
    case .message(let text): .string(text)
    case .fields(let errors, let style): errors.json(style)
    }
  }
}
