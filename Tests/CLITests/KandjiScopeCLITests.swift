import AssetCore
import AssetStore
import Foundation
import SQLiteStore
import Testing

/// Issue 19 from the command line: `kandji set --console-url` and `--blueprints`, each with ''
/// to go back to the default, and a one-line error for a bad value.
@Suite("kandji set --console-url and --blueprints", .timeLimit(.minutes(3)))
struct KandjiScopeCLITests {
  /// `kandji list --json`'s one connection.
  func listed(_ database: String) async throws -> [String: Any] {
    let output = try await CommandRunner.run(["kandji", "list", "--database", database, "--json"])
    #expect(output.status == 0, "\(output.stderr)")
    let list = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]]
    return try #require(list?.first)
  }

  func set(_ database: String, _ flags: [String]) async throws -> CommandRunner.Output {
    try await CommandRunner.run(["kandji", "set", "--database", database, "--name", "US"] + flags)
  }

  @Test func theConsoleURLAndTheBlueprintScopeAreSetAndCleared() async throws {
    let database = CommandRunner.temporaryDatabase()
    let store = try SQLiteAssetStore(path: database)
    try await store.saveKandjiSettings(KandjiSettings(installed: true))
    let connection = try await store.createKandjiConnection(
      KandjiConnectionDraft(name: "US", apiURL: "acme.api.kandji.io", sealedToken: "v1:x"), at: Date())
    var line = try await listed(database)
    #expect(line["console_url"] as? String == "https://acme.kandji.io")
    #expect(line["console_url_set"] as? Bool == false)
    #expect(line["blueprints"] as? [String] == [])

    let moved = try await set(database, ["--console-url", " ACME.iru.com/ "])
    #expect(moved.status == 0, "\(moved.stderr)")
    #expect(moved.stdout.contains("console https://acme.iru.com (set)"), "\(moved.stdout)")
    #expect(try await store.kandjiConnection(id: connection.id)?.settings.consoleURL == "https://acme.iru.com")
    line = try await listed(database)
    #expect(line["console_url"] as? String == "https://acme.iru.com")

    let scoped = try await set(database, ["--blueprints", "224cd78a-a06f-4254-a0a2-b4b8adbad404, 08523ff3"])
    #expect(scoped.status == 0, "\(scoped.stderr)")
    #expect(scoped.stdout.contains("syncs 224cd78a-a06f-4254-a0a2-b4b8adbad404, 08523ff3"), "\(scoped.stdout)")
    line = try await listed(database)
    #expect(line["blueprints"] as? [String] == ["224cd78a-a06f-4254-a0a2-b4b8adbad404", "08523ff3"])
    #expect(line["console_url"] as? String == "https://acme.iru.com")  // the other flag's value stays

    let reset = try await set(database, ["--console-url", "", "--blueprints", ""])
    #expect(reset.status == 0, "\(reset.stderr)")
    #expect(
      reset.stdout.contains("console https://acme.kandji.io (derived); syncs every blueprint."), "\(reset.stdout)")
    let settings = try #require(try await store.kandjiConnection(id: connection.id)?.settings)
    #expect(settings.consoleURL == nil)
    #expect(settings.blueprintIDs.isEmpty)
  }

  @Test(
    "a bad console URL or blueprint id exits non-zero with a one-line message and changes nothing",
    arguments: [
      (["--console-url", "http://acme.iru.com"], "--console-url"),
      (["--console-url", "https://acme.api.iru.com"], "is the API host"),
      (["--blueprints", "not an id!"], "--blueprints"),
      (["--blueprints", "a,a"], "twice"),
    ])
  func badValues(flags: [String], message: String) async throws {
    let database = CommandRunner.temporaryDatabase()
    let store = try SQLiteAssetStore(path: database)
    try await store.saveKandjiSettings(KandjiSettings(installed: true))
    let connection = try await store.createKandjiConnection(
      KandjiConnectionDraft(name: "US", apiURL: "acme.api.kandji.io", sealedToken: "v1:x"), at: Date())
    let output = try await set(database, flags)
    #expect(output.status != 0)
    #expect(output.stderr.contains(message), "\(output.stderr)")
    #expect(!output.stderr.contains("Fatal error"))
    #expect(output.stderr.split(separator: "\n").count <= 3, "\(output.stderr)")
    let settings = try #require(try await store.kandjiConnection(id: connection.id)?.settings)
    #expect(settings.consoleURL == nil && settings.blueprintIDs.isEmpty)
  }
}
