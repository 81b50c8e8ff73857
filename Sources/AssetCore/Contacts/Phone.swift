import Foundation

/// A contact's phone number, HappyFox's `{id, type, number, is_primary}`. Ids are the contact's
/// own (1, 2, …): HappyFox's clients send them back to edit a number of that contact.
public struct Phone: Sendable, Hashable, Codable {
  public var id: Int
  public var type: PhoneType
  public var number: String
  public var isPrimary: Bool

  public init(id: Int, type: PhoneType = .other, number: String, isPrimary: Bool = false) {
    self.id = id
    self.type = type
    self.number = number
    self.isPrimary = isPrimary
  }

  enum CodingKeys: String, CodingKey {
    case id, type, number
    case isPrimary = "is_primary"
  }

  /// The number's digits, which `q=phone:` searches (HappyFox: without the `+`).
  public var digits: String { String(number.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init)) }

  /// Phones as stored: objects, or (before issue 12) plain strings, which become type "other"
  /// with ids in order and the first one primary.
  public static func decodeStored(_ json: String) -> [Phone] {
    guard let data = json.data(using: .utf8) else { return [] }
    if let phones = try? JSONDecoder().decode([Phone].self, from: data) { return phones }
    let numbers = (try? JSONDecoder().decode([String].self, from: data)) ?? []
    return numbers.enumerated().map { Phone(id: $0.offset + 1, number: $0.element, isPrimary: $0.offset == 0) }
  }

  public static func encodeStored(_ phones: [Phone]) -> String {
    (try? JSONEncoder().encode(phones)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
  }
}

/// HappyFox's phone types.
public enum PhoneType: String, Sendable, Hashable, Codable, CaseIterable {
  case mobile = "mo"
  case work = "w"
  case main = "m"
  case home = "h"
  case other = "o"

  public var label: String {
    switch self {
    case .mobile: "Mobile"
    case .work: "Work"
    case .main: "Main"
    case .home: "Home"
    case .other: "Other"
    }
  }
}

/// A phone as a request gives it: `id` to edit one of the contact's numbers, none to add one.
public struct PhoneDraft: Sendable, Hashable {
  public var id: Int?
  public var type: PhoneType?
  public var number: String
  public var isPrimary: Bool?

  public init(id: Int? = nil, type: PhoneType? = nil, number: String, isPrimary: Bool? = nil) {
    self.id = id
    self.type = type
    self.number = number
    self.isPrimary = isPrimary
  }

  /// The contact's phones after applying `drafts` to `current`: a draft with a known id edits
  /// that number, others are added; a draft marked primary makes the others not primary; one
  /// phone is always primary when there are any.
  public static func apply(_ drafts: [PhoneDraft], to current: [Phone]) -> [Phone] {
    var phones = current
    var nextID = (phones.map(\.id).max() ?? 0) + 1
    for draft in drafts {
      var phone: Phone
      if let id = draft.id, let index = phones.firstIndex(where: { $0.id == id }) {
        phone = phones[index]
        phone.number = draft.number
        if let type = draft.type { phone.type = type }
        if let primary = draft.isPrimary { phone.isPrimary = primary }
        phones[index] = phone
      } else {
        phone = Phone(id: nextID, type: draft.type ?? .other, number: draft.number, isPrimary: draft.isPrimary ?? false)
        nextID += 1
        phones.append(phone)
      }
      if phone.isPrimary {
        for index in phones.indices where phones[index].id != phone.id { phones[index].isPrimary = false }
      }
    }
    if !phones.isEmpty, !phones.contains(where: \.isPrimary) { phones[0].isPrimary = true }
    return phones
  }
}
