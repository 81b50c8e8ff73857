import ArgumentParser
import AssetStore
import Foundation
import WebApp

/// `assetsync api-keys create`: an API key for an agent, printed once.
struct APIKeysCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "api-keys", abstract: "Manage API keys.", subcommands: [Create.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create",
      abstract: "Create an API key for an agent. The auth code is shown once; only its hash is stored.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Email of the agent the key acts as.")
    var agent: String

    @Flag(help: "Print {\"api_key\": …, \"auth_code\": …} as JSON.")
    var json = false

    func run() async throws {
      let store = try await database.openStore()
      guard let owner = try await store.agentCredentials(email: agent)?.agent else {
        throw CLIError("No agent with the email \(agent); create one with `assetsync agents create`.")
      }
      let credentials = try await APIKeyIssuer.issue(for: owner, store: store)
      if json {
        Console.line("{\"api_key\": \"\(credentials.key)\", \"auth_code\": \"\(credentials.authCode)\"}")
      } else {
        Console.line("API key:   \(credentials.key)")
        Console.line("Auth code: \(credentials.authCode)  (shown once; use HTTP Basic with key:auth code)")
      }
    }
  }
}
