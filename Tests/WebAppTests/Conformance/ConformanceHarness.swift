import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

/// A HappyFox client's view of AssetSync: the real server on loopback (`app.test(.live)`), on
/// every store backend, with a synced Kandji fleet, a manual "General" type with a field of each
/// of HappyFox's six types, and the admin's and an agent's API keys.
struct ConformanceWorld: Sendable {
  let typeID: Int
  /// Field ids by HappyFox type name (`text`, `textarea`, `number`, `dropdown`, `multiple_choice`, `date`).
  let fields: [String: Int]
  let adminID: Int

  func field(_ kind: String) -> Int { fields[kind] ?? 0 }

  static func run(_ body: @Sendable (AppHarness, any TestClientProtocol, ConformanceWorld) async throws -> Void)
    async throws
  {
    try await AppHarness.run(devices: 12) { h in
      let app = await AppBuilder.buildApplication(
        configuration: AppConfiguration(
          port: 0, bcryptCost: 4, runScheduler: false, allowCustomKandjiEndpoints: true, requestHeadTimeout: 600),
        services: h.services)
      try await app.test(.live) { client in
        try await AssetAPITests.syncFleet(h, client)
        let type = try await client.call(
          .post, "asset_types/", as: h.admin, json: #"{"name":"General","description":"Everything else"}"#)
        let typeID = try #require(type.json["id"] as? Int)
        var fields: [String: Int] = [:]
        for (name, kind, choices) in [
          ("Serial Number", "text", ""), ("Description", "textarea", ""), ("Numbers acquired", "number", ""),
          ("Asset Category", "dropdown", #","choices":["Laptop","Monitor","Phone"]"#),
          ("Ports", "multiple_choice", #","choices":["HDMI","USB-C","Thunderbolt"]"#), ("Warranty Date", "date", ""),
        ] {
          let field = try await client.call(
            .post, "asset_custom_fields/?asset_type=\(typeID)", as: h.admin,
            json: #"{"name":"\#(name)","type":"\#(kind)"\#(choices)}"#)
          #expect(field.status == .created, "\(name): \(field.text)")
          fields[kind] = try #require(field.json["id"] as? Int)
        }
        try await body(h, client, ConformanceWorld(typeID: typeID, fields: fields, adminID: Int(h.admin.agent.id)))
      }
    }
  }
}

extension Reply {
  /// The answer as JSONSerialization reads it (object, list or scalar).
  var any: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
}

/// Checks an answer against an article's shape, naming every key that differs.
func expectShape(
  _ reply: Reply, _ shape: Shape, _ what: String, status: HTTPResponse.Status = .ok,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(reply.status == status, "\(what): \(reply.status) \(reply.text.prefix(300))", sourceLocation: sourceLocation)
  let problems = shape.mismatches(reply.any)
  #expect(problems.isEmpty, "\(what):\n\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
}

/// A HappyFox page's facts: `count` is the number of items on the page, `last_index` the total.
func expectPage(_ reply: Reply, total: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
  let info = reply.json["page_info"] as? [String: Int] ?? [:]
  let items = (reply.json["data"] as? [Any])?.count ?? -1
  #expect(info["count"] == items, "count is the items on the page", sourceLocation: sourceLocation)
  if let total { #expect(info["last_index"] == total, "last_index is the total", sourceLocation: sourceLocation) }
}
