import ArgumentParser
import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation

/// `assetsync api-keys create|list|revoke`: API keys for agents; the auth code is printed once.
struct APIKeysCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "api-keys", abstract: "Manage API keys.", subcommands: [Create.self, List.self, Revoke.self])

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
      let (store, accounts) = try await database.openAccounts()
      guard let owner = try await store.agentCredentials(email: agent)?.agent else {
        throw CLIError("No agent with the email \(agent); create one with `assetsync agents create`.")
      }
      let credentials = try await accounts.issueAPIKey(for: owner)
      if json {
        Console.line("{\"api_key\": \"\(credentials.key)\", \"auth_code\": \"\(credentials.authCode)\"}")
      } else {
        Console.line("API key:   \(credentials.key)")
        Console.line("Auth code: \(credentials.authCode)  (shown once; use HTTP Basic with key:auth code)")
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List API keys (never their auth codes) and whether each still works.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() async throws {
      let keys = try await database.openStore().apiKeys()
      if json {
        Console.line(CLIJSON.encode(keys.map(KeyLine.init)))
        return
      }
      guard !keys.isEmpty else { return Console.line("No API keys yet: create one with `assetsync api-keys create`.") }
      for key in keys {
        Console.line("\(key.key)\t\(key.agent.email)\t\(ISO8601.string(key.createdAt))\t\(KeyLine.status(key))")
      }
    }
  }

  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "revoke", abstract: "Revoke an API key for good (refused from the next request on).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The API key (the user part of HTTP Basic).")
    var key: String

    func run() async throws {
      let admin = try await database.openAccounts().accounts.administration
      do {
        let revoked = try await admin.revoke(key: key)
        Console.line("Revoked \(revoked.key) of \(revoked.agent.email).")
      } catch let error as StoreError {
        throw CLIError(error.description)
      }
    }
  }
}

/// An API key as `api-keys list --json` prints it.
struct KeyLine: Encodable {
  let apiKey: String
  let agentEmail: String
  let createdAt: String
  let revokedAt: String?
  let status: String

  init(_ key: APIKeyRecord) {
    apiKey = key.key
    agentEmail = key.agent.email
    createdAt = ISO8601.string(key.createdAt)
    revokedAt = key.revokedAt.map(ISO8601.string)
    status = Self.status(key)
  }

  /// `active`, `revoked`, or `agent disabled` (works again when the agent is enabled).
  static func status(_ key: APIKeyRecord) -> String {
    key.revokedAt != nil ? "revoked" : (key.agent.isActive ? "active" : "agent disabled")
  }
}
