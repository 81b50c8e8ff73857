import Foundation

/// A blueprint of the tenant: its id (what the device list's `blueprint_id` filter takes) and
/// its name, from `GET /api/v1/blueprints` (the optional "List Blueprints" permission) or from
/// a listed device's `blueprint_id` and `blueprint_name`.
public struct KandjiBlueprint: Sendable, Hashable, Decodable {
  public var id: String
  public var name: String

  public init(id: String, name: String) {
    self.id = id
    self.name = name
  }
}

/// One page of `GET /api/v1/blueprints`, Django REST framework style (`count`, `next`,
/// `previous`, `results`). Records that are not `{id, name}` strings are skipped: a name list
/// is a convenience, never a reason to fail a run.
struct BlueprintPage: Decodable {
  var count: Int?
  var next: String?
  var results: [KandjiBlueprint]

  private enum CodingKeys: String, CodingKey { case count, next, results }

  private struct Loose: Decodable {
    var blueprint: KandjiBlueprint?
    init(from decoder: any Decoder) throws {
      blueprint = try? KandjiBlueprint(from: decoder)
    }
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    count = try? c.decodeIfPresent(Int.self, forKey: .count)
    next = try? c.decodeIfPresent(String.self, forKey: .next)
    results = try c.decode([Loose].self, forKey: .results).compactMap(\.blueprint)
  }
}
