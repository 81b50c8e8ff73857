import AssetStore
import AssetStoreTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SyncService
import Testing
import WebApp

/// Databases written by earlier releases (`Tests/Fixtures/`), opened by today's code (which
/// migrates them), still hold everything and answer the API as that release did. Every schema
/// change must keep this passing; a release that changes the schema adds its own fixture.
@Suite("Upgrades from release fixtures")
struct ReleaseUpgradeTests {
  @Test(
    "an upgraded database answers the API as the release did",
    arguments: StoreBackend.allCases, ReleaseFixture.all)
  func answersAsTheReleaseDid(backend: StoreBackend, fixture: ReleaseFixture) async throws {
    let store = try await backend.openFixture(fixture)
    let recorded = try AnyJSON(data: fixture.answers())
    let sealer = try TokenSealer(keyData: fixture.secretKey())
    var logger = Logger(label: "assetsync.upgrade-test")
    logger.logLevel = .warning
    let services = AppServices(
      store: store, sealer: sealer, configuration: AppConfiguration(bcryptCost: 4, runScheduler: false),
      logger: logger)
    let app = Application(router: AppBuilder.buildRouter(services: services))
    let admin = Self.basic(recorded["admin_api_key"])
    let agent = Self.basic(recorded["agent_api_key"])

    let (differences, checked) = try await app.test(.router) { client in
      var differences: [String] = []
      var checked = 0
      func ask(_ path: String, as credentials: String? = nil) async throws -> (HTTPResponse.Status, Data) {
        try await client.execute(
          uri: "/api/1.1/json/" + path, method: .get, headers: [.authorization: credentials ?? admin]
        ) { response in (response.status, Data(buffer: response.body)) }
      }
      func compare(_ path: String, _ expected: AnyJSON) async throws {
        let (status, body) = try await ask(path)
        guard status == .ok else { return differences.append("\(path): answered \(status)") }
        checked += AnswerFacts.of(expected).count
        differences += AnswerFacts.differences(recorded: expected, current: try AnyJSON(data: body), in: path)
      }

      try await compare("asset_types/", recorded["asset_types"])
      for (typeID, assets) in recorded["assets"].members {
        // Every asset of the type, page by page, as the release was asked.
        var items: [AnyJSON] = []
        var page = 1
        while true {
          let (status, body) = try await ask("assets/?asset_type=\(typeID)&size=50&page=\(page)")
          guard status == .ok else { break }
          let answer = try AnyJSON(data: body)
          items += answer.items
          if page >= Int(answer["page_info"]["page_count"].text) ?? 0 { break }
          page += 1
        }
        checked += AnswerFacts.of(assets).count
        differences += AnswerFacts.differences(
          recorded: assets, current: .array(items), in: "assets/?asset_type=\(typeID)")
      }
      for (id, detail) in recorded["asset_details"].members { try await compare("asset/\(id)/", detail) }
      for (typeID, fields) in recorded["asset_custom_fields"].members {
        // The release answered every field at once; HappyFox pages them (10 by default).
        try await compare("asset_custom_fields/?asset_type=\(typeID)&size=50", fields)
      }
      try await compare("users/?size=50", recorded["users"])
      try await compare("tickets/?size=50", recorded["tickets"])
      try await compare("apps/kandji", recorded["kandji_app"])
      try await compare("apps/kandji/sync_runs", recorded["sync_runs"])
      for (runID, report) in recorded["reports"].members {
        let (status, body) = try await ask("apps/kandji/sync_runs/\(runID)/report.csv")
        let now = CSVRows.parse(String(decoding: body, as: UTF8.self))
        if status != .ok || now != CSVRows.parse(report.text) {
          differences.append("report of run \(runID): \(status), \(now.count) rows, differs from the recorded CSV")
        }
        checked += now.count
      }
      // What the release stored works with HappyFox's shapes: its tickets have a status by their
      // old name, the default priority and the first category, and take actions; its contacts'
      // phones are phone objects and searchable by digits.
      let ticket = try AnyJSON(data: try await ask("ticket/1/").1)
      #expect(ticket["status"]["name"].text == "Open")
      #expect(ticket["priority"]["name"].text == "Medium")
      #expect(ticket["display_id"].text == "#GEN00000001")
      let replied = try await client.execute(
        uri: "/api/1.1/json/ticket/1/staff_update/", method: .post,
        headers: [.authorization: admin, .contentType: "application/json"],
        body: ByteBuffer(string: #"{"status": 4, "text": "Fixed after the upgrade"}"#)
      ) { response in try AnyJSON(data: Data(buffer: response.body)) }
      #expect(replied["status"]["name"].text == "Solved")
      #expect(replied["messages_count"].text == "1")
      let frontDesk = try AnyJSON(data: try await ask("users/?q=phone:15550100").1).items.first ?? .null
      let phone: AnyJSON = frontDesk["phones"].items.first ?? .null
      #expect(phone["number"].text == "+1 555 0100")
      #expect(try AnyJSON(data: try await ask("statuses/").1).items.count == 5)
      // The agent's key still signs in, with an agent's rights.
      #expect(try await ask("asset_types/", as: agent).0 == .ok)
      #expect(try await ask("apps/kandji", as: agent).0 == .forbidden)
      return (differences, checked)
    }
    #expect(differences.isEmpty, "\(differences.count) facts changed:\n\(differences.joined(separator: "\n"))")
    // 43 assets with 13 fields each, contacts, tickets, runs and 80 report rows: about 7,000 facts.
    #expect(checked > 5_000)

    // The release's single tenant is connection #1, with its assets and runs (migration v6), and
    // the Kandji token it sealed still opens with the release's key.
    let connections = try await store.kandjiConnections(includeRemoved: false)
    #expect(connections.map(\.id) == [1])
    let connection = try #require(connections.first)
    #expect(connection.enabled)
    #expect(connection.settings.mapping == .default)
    #expect(connection.apiURL == recorded["kandji_app"]["api_url"].text)
    #expect(try await store.assets(AssetQuery(managed: true, connectionID: 1, size: 100)).total == 40)
    #expect(try await store.assets(AssetQuery(managed: false, connectionID: 1)).total == 0)
    #expect(try await store.syncRuns(connectionID: 1, limit: 10).count == 2)
    #expect(try await store.kandjiSettings().installed)
    let sealed = try #require(connection.sealedToken)
    #expect(try sealer.open(sealed).secret == recorded["kandji_token"].text)
    // The agent the release created still signs in with their password.
    let credentials = try #require(try await store.agentCredentials(email: "agent@example.com"))
    #expect(services.passwords.verify("agent password 1234", hash: credentials.passwordHash))
  }

  static func basic(_ key: AnyJSON) -> String {
    "Basic " + Data("\(key["api_key"].text):\(key["auth_code"].text)".utf8).base64EncodedString()
  }
}

/// RFC 4180 rows, so reports compare by their cells, not their quoting.
enum CSVRows {
  static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell = ""
    var quoted = false
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      index += 1
      if quoted {
        if character != "\"" {
          cell.append(character)
        } else if index < characters.count, characters[index] == "\"" {
          cell.append("\"")  // "" inside quotes is one quote
          index += 1
        } else {
          quoted = false
        }
        continue
      }
      switch character {
      case "\"": quoted = true
      case ",":
        row.append(cell)
        cell = ""
      case "\n", "\r\n":
        row.append(cell)
        rows.append(row)
        row = []
        cell = ""
      default: cell.append(character)
      }
    }
    if !cell.isEmpty || !row.isEmpty {
      row.append(cell)
      rows.append(row)
    }
    return rows
  }
}
