import ArgumentParser
import AssetCore
import AssetStore
import Foundation
import SingleSignOn
import SyncService

/// `assetsync sso set|show|disable|break-glass`: single sign-on through an OpenID Connect provider
/// (issue 22), the same settings as Admin › Sign-in. The client secret is read from standard input
/// only, sealed, and never printed.
struct SSOCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sso", abstract: "Configure single sign-on (OpenID Connect) for agents.",
    subcommands: [Set.self, Show.self, Disable.self, BreakGlass.self])

  struct Set: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set",
      abstract:
        "Turn single sign-on on or change it; checks the provider's discovery document before saving. Options left out keep their saved values."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The provider's issuer URL, e.g. https://example.okta.com (HTTPS).")
    var issuer: String

    @Option(help: "The client ID AssetSync is registered with at the provider.")
    var clientId: String

    @Flag(help: "Read the client secret from standard input (needed the first time and for a new issuer or client).")
    var clientSecretStdin = false

    @Option(help: "The provider's name on the sign-in button (\"Sign in with <name>\").")
    var name: String?

    @Option(help: "Comma-separated email domains allowed to sign in (empty string: any).")
    var allowedDomains: String?

    @Option(help: "off, agent or admin: create agents on their first sign-in with this role.")
    var createAgents: String?

    @Option(help: "on or off: whether agents may still sign in with a password.")
    var passwordSignIn: String?

    @Option(help: "The ID token claim holding the agent's email (email needs email_verified true).")
    var emailClaim: String?

    @Flag(help: "Accept a plain-HTTP issuer (tests, a provider on loopback).")
    var allowInsecureIssuer = false

    @Flag(help: "Print the saved settings as JSON (never the secret).")
    var json = false

    func validate() throws {
      if let createAgents, !["off", "agent", "admin"].contains(createAgents) {
        throw ValidationError("--create-agents must be off, agent or admin, got \"\(createAgents)\".")
      }
      if let passwordSignIn, !["on", "off"].contains(passwordSignIn) {
        throw ValidationError("--password-sign-in must be on or off, got \"\(passwordSignIn)\".")
      }
      if let problem = ProviderMetadata.urlProblem(issuer, allowInsecure: allowInsecureIssuer) {
        throw ValidationError("--issuer: \(problem).")
      }
      guard !clientId.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError("--client-id must not be empty.")
      }
    }

    func run() async throws {
      var secret: String?
      if clientSecretStdin {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
          throw CLIError("No client secret on standard input.")
        }
        secret = line
      }
      let store = try await database.openStore()
      let setup = SingleSignOnSetup(store: store, sealer: try SSOContext.sealer(database))
      let create: AgentRole?? = createAgents.map { $0 == "off" ? nil : AgentRole(rawValue: $0) }
      let change = SingleSignOnSetup.Change(
        issuer: issuer, clientID: clientId, clientSecret: secret, name: name,
        allowedDomains: allowedDomains.map { $0.split(separator: ",").map(String.init) }, createAgents: create,
        passwordSignIn: passwordSignIn.map { $0 == "on" }, emailClaim: emailClaim,
        allowInsecureIssuer: allowInsecureIssuer ? true : nil)
      let saved: SingleSignOnSettings
      do { saved = try await setup.save(change) } catch let refusal as SingleSignOnSetup.Refusal {
        throw CLIError(refusal.message)
      } catch let error as StoreError {
        throw CLIError(error.description)
      }
      if json { return Console.line(CLIJSON.encode(try await SSOLine(saved, store: store))) }
      Console.line("Single sign-on with \(saved.name) (\(saved.issuer)) is on.")
      Console.line("Redirect URI to register at the provider: <public URL>/login/oidc/callback (serve --public-url).")
      if !saved.passwordSignIn && saved.breakGlassAgentID == nil {
        Console.line(
          "Password sign-in is off and no break-glass admin is named: name one with `assetsync sso break-glass --email ADMIN`."
        )
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: "Show the single sign-on settings (never the client secret).")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
      let store = try await database.openStore()
      guard let settings = try await store.singleSignOnSettings() else {
        if json { return Console.line("{\"enabled\":false}") }
        return Console.line(
          "Single sign-on is not set up: `assetsync sso set --issuer URL --client-id ID --client-secret-stdin`.")
      }
      let line = try await SSOLine(settings, store: store)
      if json { return Console.line(CLIJSON.encode(line)) }
      Console.line("enabled:            \(settings.enabled ? "yes" : "no")")
      Console.line("name:               \(line.name)")
      Console.line("issuer:             \(line.issuer)")
      Console.line("client id:          \(line.clientId)")
      Console.line("client secret:      \(line.clientSecretSet ? "set (sealed)" : "not set")")
      Console.line(
        "allowed domains:    \(line.allowedDomains.isEmpty ? "any" : line.allowedDomains.joined(separator: ","))")
      Console.line("create agents:      \(line.createAgents)")
      Console.line("password sign-in:   \(line.passwordSignIn ? "on" : "off")")
      Console.line("email claim:        \(line.emailClaim)")
      Console.line("break-glass admin:  \(line.breakGlassAdmin ?? "none")")
    }
  }

  struct Disable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "disable", abstract: "Turn single sign-on off: every agent signs in with a password again.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
      let store = try await database.openStore()
      let changed = try await SingleSignOnSetup(store: store, sealer: try SSOContext.sealer(database)).disable()
      Console.line(changed ? "Single sign-on is off." : "Single sign-on was not on.")
    }
  }

  struct BreakGlass: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "break-glass",
      abstract: "Name the one active admin who may always sign in with a password, even when password sign-in is off.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The admin's email.")
    var email: String

    func run() async throws {
      let store = try await database.openStore()
      do {
        let agent = try await SingleSignOnSetup(store: store, sealer: try SSOContext.sealer(database))
          .setBreakGlass(email: email)
        Console.line("\(agent.email) is the break-glass admin: they may always sign in with a password.")
      } catch let refusal as SingleSignOnSetup.Refusal {
        throw CLIError(refusal.message)
      }
    }
  }
}

enum SSOContext {
  static func sealer(_ database: DatabaseOptions) throws -> TokenSealer {
    do { return try TokenSealer.load(keyFile: try database.keyFile()) } catch let error as SealError {
      throw CLIError(error.description)
    }
  }
}

/// The settings as `sso show --json` and `sso set --json` print them: no secret, only whether
/// one is stored.
struct SSOLine: Encodable {
  let enabled: Bool
  let name: String
  let issuer: String
  let clientId: String
  let clientSecretSet: Bool
  let allowedDomains: [String]
  let createAgents: String
  let passwordSignIn: Bool
  let emailClaim: String
  let allowInsecureIssuer: Bool
  let breakGlassAdmin: String?
  let redirectPath: String

  init(_ settings: SingleSignOnSettings, store: any AgentStore) async throws {
    enabled = settings.enabled
    name = settings.name
    issuer = settings.issuer
    clientId = settings.clientID
    clientSecretSet = !settings.sealedClientSecret.isEmpty
    allowedDomains = settings.allowedDomains
    createAgents = settings.createAgents?.rawValue ?? "off"
    passwordSignIn = settings.passwordSignIn
    emailClaim = settings.emailClaim
    allowInsecureIssuer = settings.allowInsecureIssuer
    breakGlassAdmin = try await settings.breakGlassAgentID.asyncMapCLI { try await store.agent(id: $0)?.email } ?? nil
    redirectPath = "/login/oidc/callback"
  }
}

extension Optional {
  fileprivate func asyncMapCLI<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
    guard let value = self else { return nil }
    return try await transform(value)
  }
}
