import AssetCore
import AssetStore
import Foundation
import SQLiteStore
import Testing

/// `assetsync kandji fields --name N [--json]` and `kandji set --name N --fields k,k,…` (issue 19)
/// with the real binary against a `simulate-kandji` child.
@Suite("Kandji fields through the CLI", .timeLimit(.minutes(3)))
struct KandjiFieldsCLITests {
  func cli(_ arguments: [String], stdin: String? = nil) async throws -> CommandRunner.Output {
    try await CommandRunner.run(
      arguments, stdin: stdin, environment: ["ASSETSYNC_SECRET_KEY": TenantProcessTests.secretKey])
  }

  func fieldsJSON(_ database: String) async throws -> [String: Any] {
    let listed = try await cli(["kandji", "fields", "--database", database, "--name", "US", "--json"])
    #expect(listed.status == 0, "\(listed.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
  }

  @Test func fieldsAreListedAndChosenInOrder() async throws {
    let tenant = try await TenantProcessTests.Tenant.start(devices: 3, seed: 5)
    defer { tenant.process.stop() }
    let database = try await tenant.connect()

    // Untouched: the 13 of earlier releases, and the whole catalogue.
    var listing = try await fieldsJSON(database)
    #expect(listing["selected"] as? [String] == KandjiAttributeCatalogue.defaultKeys)
    let fields = try #require(listing["fields"] as? [[String: Any]])
    #expect(fields.count == KandjiAttributeCatalogue.attributes.count)
    let storage = try #require(fields.first { $0["key"] as? String == "storage_free" })
    #expect(storage["source"] as? String == "details")
    #expect(storage["details_section"] as? String == "volumes")
    #expect(storage["selected"] as? Bool == false)

    let set = try await cli(
      ["kandji", "set", "--database", database, "--name", "US", "--fields", "tags, device_name,lost_mode_status"])
    #expect(set.status == 0, "\(set.stderr)")
    #expect(set.stdout.contains("US: shows 3 Kandji fields: tags, device_name, lost_mode_status."))
    listing = try await fieldsJSON(database)
    #expect(listing["selected"] as? [String] == ["tags", "device_name", "lost_mode_status"])
    let tags = (listing["fields"] as? [[String: Any]])?.first { $0["key"] as? String == "tags" }
    #expect(tags?["position"] as? Int == 0)

    // The text listing: shown fields first, numbered from 1, then the rest.
    let text = try await cli(["kandji", "fields", "--database", database, "--name", "US"])
    #expect(text.status == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.contains("3 of \(KandjiAttributeCatalogue.attributes.count) shown") == true)
    #expect(lines.dropFirst().first?.hasPrefix("1\ttags\tTags\ttags\tlist\t") == true)
    #expect(lines.dropFirst(3).first?.hasPrefix("3\tlost_mode_status\t") == true)
    #expect(lines.dropFirst(4).first?.hasPrefix("-\tdevice_id\t") == true)

    // Refused before anything is saved: unknown, repeated, empty.
    for (value, message) in [
      ("tags,colour", "Unknown field key \"colour\""), ("tags,tags", "\"tags\" is given twice"),
      ("", "Choose at least one field."), ("tags,,device_name", "an empty key"),
    ] {
      let refused = try await cli(["kandji", "set", "--database", database, "--name", "US", "--fields", value])
      #expect(refused.status != 0, "\(value)")
      #expect(refused.stderr.contains(message), "\(value): \(refused.stderr)")
    }
    #expect(try await fieldsJSON(database)["selected"] as? [String] == ["tags", "device_name", "lost_mode_status"])
    let unknownTenant = try await cli(["kandji", "fields", "--database", database, "--name", "Nowhere"])
    #expect(unknownTenant.status != 0)
    #expect(unknownTenant.stderr.contains("No Kandji connection named \"Nowhere\""))
  }
}
