import AssetCore
import AssetStore
import Hummingbird

/// `users/` and `user/<id or email>/`: HappyFox's contacts.
struct ContactRoutes {
  let services: AppServices
  var store: any AssetStore { services.store }

  func register(_ api: APIRouter) {
    api.get("users", query: ["size", "page", "q"]) { request, context in
      _ = try context.requireAgent()
      let paging = try Paging.from(request)
      var search = try request.searchText()
      // HappyFox's `q=email:<x>` filter.
      if let q = search, q.lowercased().hasPrefix("email:") { search = String(q.dropFirst("email:".count)) }
      let page = try await store.contacts(ContactQuery(search: search, page: paging.page, size: paging.size))
      return .json(Paging.envelope(page, Representation.contact))
    }
    api.post("users") { request, context in
      _ = try context.requireAgent()
      let input = try await RequestInput.read(request)
      input.rejectUnknown(allowed: ["name", "email", "phones"])
      let name = input.string("name", required: true, maxLength: 200)
      let email = input.string("email", required: true, maxLength: 254)
      var phones: [String] = []
      if input.has("phones") {
        if let list = input.values["phones"] as? [String] {
          phones = list.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
          let bad =
            list.contains { $0.exceeds(characters: 50) } || phones.contains { $0.isEmpty || $0.hasControlCharacters() }
          if phones.count > 10 || bad {
            input.add("phones", "Give at most 10 phone numbers of 1 to 50 characters each, on one line.")
          }
        } else {
          input.add("phones", "Expected a list of strings.")
        }
      }
      try input.validate()
      let contact = try await store.createContact(name: name!, email: email!, phones: phones, at: services.now())
      return .json(Representation.contact(contact), status: .created)
    }
    api.get("user/:id") { request, context in
      _ = try context.requireAgent()
      let key = context.parameters.get("id") ?? ""
      let contact: Contact? =
        if let id = Int64(key) { try await store.contact(id: id) } else { try await store.contact(email: key) }
      guard let contact else { throw APIError.notFound("Contact \(key)") }
      var json = Representation.contact(contact)
      if case .object(var members) = json {
        let assets = try await store.assets(AssetQuery(contactID: contact.id, page: 1, size: 50)).items
        members.append(
          (
            "assets",
            .array(
              assets.map {
                .object([("id", .int(Int($0.id))), ("display_id", .string($0.displayID)), ("name", .string($0.name))])
              })
          ))
        json = .object(members)
      }
      return .json(json)
    }
  }
}
