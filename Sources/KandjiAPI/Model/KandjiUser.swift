/// The Kandji user assigned to a device: the list's `user` and the details' `general.assigned_user`.
///
/// `id` was an integer (`1`) in 2022–2023 tenants and is a UUID string now, so it is kept as text.
public struct KandjiUser: Sendable, Hashable, Codable {
  public var id: String?
  public var email: String?
  public var name: String?
  public var isArchived: Bool?

  public init(id: String? = nil, email: String? = nil, name: String? = nil, isArchived: Bool? = nil) {
    self.id = id
    self.email = email
    self.name = name
    self.isArchived = isArchived
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: AnyKey.self)
    id = try c.nonEmptyString(AnyKey("id"))
    email = try c.nonEmptyString(AnyKey("email"))
    name = try c.nonEmptyString(AnyKey("name"))
    isArchived = try c.lenientBool(AnyKey("is_archived"))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: AnyKey.self)
    try c.encodeIfPresent(id, forKey: AnyKey("id"))
    try c.encodeIfPresent(email, forKey: AnyKey("email"))
    try c.encodeIfPresent(name, forKey: AnyKey("name"))
    try c.encodeIfPresent(isArchived, forKey: AnyKey("is_archived"))
  }
}
