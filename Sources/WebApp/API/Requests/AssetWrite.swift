import AssetCore
import AssetStore

/// The body of `POST assets/` and `PUT asset/<id>/` (article 1201): name, display ID, the acting
/// agent, contacts by id and new contacts by email, and custom field values by field id — as an
/// object (`{"81": 12}`, the article's example) or a list (`[{"id": 81, "value": 12}]`).
/// Custom-field problems nest under `custom_fields` by id, as HappyFox answers them.
struct AssetWrite {
  var name: String?
  var displayID: String?
  var actingAgent: Int64?
  var contactIDs: [Int64]?
  var newContacts: [ContactDraft] = []
  var customValues: [Int64: String]?

  static let keys: Set<String> = ["name", "display_id", "contact_ids", "contacts", "custom_fields"]

  /// Reads and checks everything, throwing one 400 with every problem.
  static func read(
    _ body: BodyReader, creating: Bool, fields: [AssetField], caller: Agent, store: any AgentStore
  ) async throws -> AssetWrite {
    let agentKey = creating ? "created_by" : "updated_by"
    body.rejectUnknown(allowed: keys.union([agentKey]))
    var write = AssetWrite()
    if creating || body.has("name") {
      write.name = body.string("name", TextRules.assetName, required: true)
    }
    if creating || body.has("display_id") {
      write.displayID = body.string("display_id", TextRules.displayID, required: true)
    }
    write.actingAgent = try await ActingAgent.resolve(
      body.id(agentKey), field: agentKey, caller: caller, store: store, body: body)
    write.contactIDs = body.ids("contact_ids")
    write.newContacts = contacts(body)
    if body.has("custom_fields") { write.customValues = customValues(body, fields: fields) }
    try body.validate()
    return write
  }

  /// `contacts: [{name, email, phones?}]`: contacts to link, found by email or created.
  static func contacts(_ body: BodyReader) -> [ContactDraft] {
    guard let list = body.list("contacts") else { return [] }
    var drafts: [ContactDraft] = []
    for item in list {
      let entry: BodyReader
      do { entry = try BodyReader.object(item) } catch {
        body.add("contacts", "Each contact is an object with name and email.")
        continue
      }
      entry.rejectUnknown(allowed: ["name", "email", "phones"])
      let email = entry.string("email", TextRules.email, required: true)
      let name = entry.string("name", TextRules.personName)
      // Leaving the name out takes the default below; a blank one is a mistake worth saying.
      if name?.isEmpty == true { entry.add("name", "This field may not be blank.") }
      let phones = ContactWrite.phones(entry)
      guard entry.errors.isEmpty, let email else {
        for (field, messages) in entry.errors.flattened {
          body.add("contacts", "\(field): \(messages.joined(separator: " "))")
        }
        continue
      }
      // A new contact's name defaults to the email's local part: the article's own example
      // sends only an email.
      let fallback = String(email.split(separator: "@").first ?? Substring(email))
      drafts.append(ContactDraft(name: name ?? fallback, email: email, phones: phones ?? []))
    }
    return drafts
  }

  static func customValues(_ body: BodyReader, fields: [AssetField]) -> [Int64: String] {
    var pairs: [(String, JSONBody)] = []
    switch body.values["custom_fields"] {
    case .object(let object)?: pairs = object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    case .array(let list)?:
      for item in list {
        guard case .object(let entry) = item, let id = entry["id"]?.integer else {
          body.add("custom_fields", "Give {\"<field id>\": value} or a list of {\"id\", \"value\"}.")
          return [:]
        }
        pairs.append((String(id), entry["value"] ?? .null))
      }
    default:
      body.add("custom_fields", "Give {\"<field id>\": value} or a list of {\"id\", \"value\"}.")
      return [:]
    }
    let byID = Dictionary(uniqueKeysWithValues: fields.map { ($0.id, $0) })
    var values: [Int64: String] = [:]
    for (key, value) in pairs {
      guard let id = Int64(key), let field = byID[id] else {
        body.add("custom_fields", key: key, "Unknown field for this asset type.")
        continue
      }
      if let violation = AssetWriteRules.checkValue(of: field) {
        body.add("custom_fields", key: key, violation.message)
        continue
      }
      switch FieldInput.parse(value, for: field) {
      case .success(let text): values[id] = text
      case .failure(let problem): body.add("custom_fields", key: key, problem.message)
      }
    }
    return values
  }
}
