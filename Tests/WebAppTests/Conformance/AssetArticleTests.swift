import AssetCore
import Foundation
import HTTPTypes
import Testing

/// Article 1201 (asset management), request by request as the article documents them.
@Suite("HappyFox conformance: assets (article 1201)")
struct AssetArticleTests {
  @Test func assetsTypesAndFields() async throws {
    try await ConformanceWorld.run { h, client, world in
      let donald = "donald.\(h.backend.rawValue)@example.com"
      let john = try await client.call(
        .post, "users/", as: h.agent, json: #"{"name":"John","email":"john@example.com"}"#)
      let johnID = try #require(john.json["id"] as? Int)
      // The article's create example: contact_ids as strings, new contacts by email, custom
      // fields by id with each type's value.
      let created = try await client.call(
        .post, "assets/?asset_type=\(world.typeID)", as: h.agent,
        json: """
          {"name": "Macbook pro v1", "display_id": "macbook_pro_v1", "contact_ids": ["\(johnID)"],
           "contacts": [{"email": "\(donald)"}], "created_by": \(h.agent.agent.id),
           "custom_fields": {"\(world.field("text"))": "Macbook Pro - 2020", "\(world.field("textarea"))": "The most recent version",
             "\(world.field("number"))": 12, "\(world.field("dropdown"))": 1, "\(world.field("multiple_choice"))": [1, 2],
             "\(world.field("date"))": "2020-11-15"}}
          """)
      expectShape(created, Article.asset, "POST assets/", status: .created)
      #expect(created.json["updated_by"] is NSNull, "updated_by is null right after create")
      #expect(created.json["created_by"] as? Int == Int(h.agent.agent.id))
      let values = Dictionary(
        uniqueKeysWithValues: (created.json["custom_fields"] as? [[String: Any]] ?? []).compactMap { field in
          (field["type"] as? String).map { ($0, field["value"] as Any) }
        })
      #expect(values["text"] as? String == "Macbook Pro - 2020")
      #expect(values["number"] as? Int == 12)
      #expect(values["dropdown"] as? Int == 1)
      #expect(values["multiple_choice"] as? [Int] == [1, 2])
      #expect(values["date"] as? String == "2020-11-15")
      let contacts = (created.json["contacts"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
      #expect(Set(contacts) == ["john@example.com", donald])
      let id = try #require(created.json["id"] as? Int)

      // Without asset_type: the first asset type.
      let first = try await client.call(.post, "assets/", as: h.agent, json: #"{"name":"Spare","display_id":"SP-1"}"#)
      expectShape(first, Article.asset, "POST assets/ without asset_type", status: .created)
      #expect((first.json["asset_type"] as? [String: Any])?["name"] as? String == "Mac")
      let listed = try await client.call(.get, "assets/?asset_type=\(world.typeID)&size=1&page=1", as: h.agent)
      expectShape(listed, Article.page(Article.asset), "GET assets/")
      expectPage(listed, total: 1)
      let firstType = try await client.call(.get, "assets/", as: h.agent)
      expectShape(firstType, Article.page(Article.syncedAsset), "GET assets/ without asset_type")
      expectPage(firstType)
      expectShape(try await client.call(.get, "asset/\(id)/", as: h.agent), Article.asset, "GET asset/<id>/")

      let updated = try await client.call(
        .put, "asset/\(id)/", as: h.agent,
        json:
          #"{"name":"Macbook pro 2019 15' inch Retina","updated_by":\#(h.agent.agent.id),"contact_ids":[\#(johnID)]}"#)
      expectShape(updated, Article.asset, "PUT asset/<id>/")
      #expect(updated.json["updated_by"] as? Int == Int(h.agent.agent.id))
      // An agent's key acts as its own agent only.
      let impostor = try await client.call(
        .put, "asset/\(id)/", as: h.agent, json: #"{"name":"X","updated_by":\#(world.adminID)}"#)
      #expect(impostor.fieldErrors["updated_by"] != nil)

      // The article's error: fields keyed, custom fields nested by id.
      let refused = try await client.call(
        .post, "assets/?asset_type=\(world.typeID)", as: h.agent,
        json: #"{"name":"X","contact_ids":"a","custom_fields":{"\#(world.field("dropdown"))":5}}"#)
      expectShape(refused, Article.assetError, "POST assets/ refused", status: .badRequest)
      #expect(
        refused.fieldErrors["custom_fields.\(world.field("dropdown"))"]?.first?.contains(
          "not one of the available choices") == true)

      let deleted = try await client.call(.delete, "asset/\(id)/?deleted_by=\(h.agent.agent.id)", as: h.agent)
      #expect(deleted.status == .ok)
      #expect(try await client.call(.get, "asset/\(id)/", as: h.agent).status == .notFound)

      // Asset types and custom fields: pages, the first type by default, the plural path.
      let types = try await client.call(.get, "asset_types/", as: h.agent)
      expectShape(types, Article.page(Article.assetType), "GET asset_types/")
      expectPage(types, total: 7)
      expectShape(
        try await client.call(.get, "asset_type/\(world.typeID)/", as: h.agent), Article.assetType,
        "GET asset_type/<id>/")
      let fields = try await client.call(
        .get, "asset_custom_fields/?asset_type=\(world.typeID)&size=50&page=1", as: h.agent)
      expectShape(fields, Article.page(Article.assetField), "GET asset_custom_fields/")
      expectPage(fields, total: 6)
      let firstFields = try await client.call(.get, "asset_custom_fields/", as: h.agent)
      expectPage(firstFields, total: 13)
      let one = try await client.call(.get, "asset_custom_fields/\(world.field("dropdown"))/", as: h.agent)
      expectShape(one, Article.assetField, "GET asset_custom_fields/<id>/")
      #expect(
        (one.json["choices"] as? [[String: Any]])?.compactMap { $0["text"] as? String } == [
          "Laptop", "Monitor", "Phone",
        ])
      #expect(
        try await client.call(.get, "asset_custom_fields/\(world.field("text"))/", as: h.agent).json["choices"]
          is NSNull)
    }
  }

  @Test func syncedAssetsInHappyFoxTypes() async throws {
    try await ConformanceWorld.run { h, client, _ in
      let mac = try await h.store.managedType(for: .mac)
      let page = try await client.call(.get, "assets/?asset_type=\(mac.id)&size=50", as: h.agent)
      expectShape(page, Article.page(Article.syncedAsset), "GET assets/ (synced)")
      let asset = try #require((page.json["data"] as? [[String: Any]])?.first)
      let fields = asset["custom_fields"] as? [[String: Any]] ?? []
      let checkIn = try #require(fields.first { $0["name"] as? String == "Last Check-in" })
      #expect(checkIn["type"] as? String == "date")
      let day = checkIn["value"] as? String ?? ""
      #expect(day.count == 10, "a date field holds YYYY-MM-DD, got \(day)")
      #expect((checkIn["value_datetime"] as? String)?.hasPrefix(day) == true)
      let supervised = try #require(fields.first { $0["name"] as? String == "Supervised" })
      #expect(supervised["value"] is NSNull || Shape.isBool(supervised["value"]))
    }
  }
}

extension Article {
  /// AssetSync's documented difference: a synced asset was created by the sync, not by an agent,
  /// so its `created_by` is null.
  static let syncedAsset: Shape = {
    guard case .object(var members) = asset else { return asset }
    members["created_by"] = .optional(.int)
    return .object(members)
  }()
}
