import AssetCore
import AssetStore

/// The body of `POST users/` and `POST user/<id>/` (article 1092): name, email and phones
/// (`[{id?, type, number, is_primary}]`; plain strings are taken too). Problems are answered as
/// the article shows: `[{"field": "name", "errors": ["…"]}]`.
struct ContactWrite {
  var name: String?
  var email: String?
  var phones: [PhoneDraft]?

  static func read(_ body: BodyReader) -> ContactWrite {
    body.rejectUnknown(allowed: ["name", "email", "phones"])
    return ContactWrite(
      name: body.string("name", TextRules.personName), email: body.string("email", TextRules.email),
      phones: phones(body))
  }

  /// `phones`: at most 10 numbers of 1 to 50 characters on one line.
  static func phones(_ body: BodyReader) -> [PhoneDraft]? {
    guard let list = body.list("phones", maxCount: 10) else { return nil }
    var drafts: [PhoneDraft] = []
    for item in list {
      var draft: PhoneDraft
      switch item {
      case .string(let number): draft = PhoneDraft(number: number)
      case .object(let entry):
        let phone = BodyReader(entry)
        phone.rejectUnknown(allowed: ["id", "type", "number", "is_primary"])
        let number = phone.string("number", TextRules.phone, required: true)
        let type = phone.string("type", maxLength: 2)
        let id = phone.id("id")
        let primary = phone.bool("is_primary")
        if let type, PhoneType(rawValue: type) == nil { phone.add("type", "Use mo, w, m, h or o.") }
        guard phone.errors.isEmpty, let number else {
          for (field, messages) in phone.errors.flattened {
            body.add("phones", "\(field): \(messages.joined(separator: " "))")
          }
          continue
        }
        draft = PhoneDraft(
          id: id.map { Int($0) }, type: type.flatMap(PhoneType.init(rawValue:)), number: number, isPrimary: primary)
      default:
        body.add("phones", "Each phone is {\"type\", \"number\", \"is_primary\"} or a number as a string.")
        continue
      }
      let number = draft.number.trimmingCharacters(in: .whitespacesAndNewlines)
      if number.isEmpty || TextRules.phone.isTooLong(draft.number) || TextRules.phone.characterProblem(number) != nil {
        body.add("phones", "Give phone numbers of 1 to 50 characters, on one line.")
        continue
      }
      draft.number = number
      drafts.append(draft)
    }
    return drafts
  }
}
