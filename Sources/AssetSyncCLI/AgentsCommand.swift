import ArgumentParser
import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation

/// `assetsync agents create|list|disable|enable|set-password|end-sessions`: bootstrap the first
/// admin, and revoke or restore sign-ins from the command line (effective on the next request,
/// on every replica).
struct AgentsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agents", abstract: "Manage agents.",
    subcommands: [
      Create.self, List.self, Disable.self, Enable.self, SetPassword.self, EndSessions.self, PasswordSignIn.self,
    ])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create", abstract: "Create an agent; the password is read from a prompt or standard input.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The agent's email (their sign-in name).")
    var email: String

    @Option(help: "The agent's display name.")
    var name: String

    @Option(help: "admin or agent.")
    var role: String

    @Flag(help: "Read the password from standard input instead of a prompt.")
    var passwordStdin = false

    func validate() throws {
      guard AgentRole(rawValue: role) != nil else {
        throw ValidationError("--role must be admin or agent, got \"\(role)\".")
      }
      guard email.contains("@") else { throw ValidationError("--email must be an email address.") }
      guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError("--name must not be empty.")
      }
    }

    func run() async throws {
      let password = try PasswordInput.read(fromStdin: passwordStdin)
      if let problem = PasswordHasher.problem(with: password) { throw CLIError("Password not accepted: \(problem)") }
      let (store, accounts) = try await database.openAccounts()
      do {
        let agent = try await store.createAgent(
          email: email, name: name, role: AgentRole(rawValue: role)!, passwordHash: accounts.passwords.hash(password),
          at: Date())
        Console.line("Created \(agent.role.rawValue) \(agent.email) (id \(agent.id)).")
      } catch let error as StoreError {
        throw CLIError(error.description)
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List agents and their status.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() async throws {
      let agents = try await database.openStore().agents()
      if json {
        Console.line(CLIJSON.encode(agents.map(AgentLine.init)))
        return
      }
      guard !agents.isEmpty else { return Console.line("No agents yet: create one with `assetsync agents create`.") }
      for agent in agents {
        Console.line(
          "\(agent.id)\t\(agent.email)\t\(agent.name)\t\(agent.role.rawValue)\t\(agent.isActive ? "active" : "disabled")"
        )
      }
    }
  }

  struct Disable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "disable",
      abstract: "Disable an agent: no sign-in, sessions ended, API keys refused, from the next request on.")

    @OptionGroup var target: AgentTarget

    func run() async throws {
      try await target.perform { admin, agent in
        try await admin.disable(agent)
        return "Disabled \(agent.email): their sessions ended and their API keys are refused."
      }
    }
  }

  struct Enable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "enable", abstract: "Enable a disabled agent again (their unrevoked API keys work again).")

    @OptionGroup var target: AgentTarget

    func run() async throws {
      try await target.perform { admin, agent in
        try await admin.enable(agent)
        return "Enabled \(agent.email)."
      }
    }
  }

  struct SetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set-password",
      abstract: "Set an agent's password (from a prompt or standard input); ends their sessions.")

    @OptionGroup var target: AgentTarget

    @Flag(help: "Read the password from standard input instead of a prompt.")
    var passwordStdin = false

    func run() async throws {
      let password = try PasswordInput.read(fromStdin: passwordStdin)
      try await target.perform { admin, agent in
        try await admin.setPassword(agent, to: password)
        return "Password of \(agent.email) changed; their sessions ended."
      }
    }
  }

  /// Issue 22: whether this agent may sign in with a password while single sign-on is on.
  struct PasswordSignIn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "password-sign-in",
      abstract:
        "Allow (on) or refuse (off) an agent's password sign-in while single sign-on is on, or follow the instance's setting (default)."
    )

    @OptionGroup var target: AgentTarget

    @Argument(help: "on, off or default.")
    var state: String

    func validate() throws {
      guard ["on", "off", "default"].contains(state) else {
        throw ValidationError("password-sign-in takes on, off or default, got \"\(state)\".")
      }
    }

    func run() async throws {
      let allowed: Bool? = state == "default" ? nil : state == "on"
      let store = try await target.database.openStore()
      try await target.perform { _, agent in
        try await store.setAgentPasswordSignIn(id: agent.id, allowed: allowed)
        return switch allowed {
        case true?: "\(agent.email) may sign in with a password."
        case false?: "\(agent.email) may not sign in with a password while single sign-on is on."
        case nil: "\(agent.email) follows the instance's password sign-in setting."
        }
      }
    }
  }

  struct EndSessions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "end-sessions", abstract: "Sign an agent out of every browser.")

    @OptionGroup var target: AgentTarget

    func run() async throws {
      try await target.perform { admin, agent in
        let ended = try await admin.endSessions(of: agent)
        return "Ended \(ended) session\(ended == 1 ? "" : "s") of \(agent.email)."
      }
    }
  }
}

/// `--database` and `--email` of the agent a command acts on.
struct AgentTarget: ParsableArguments {
  @OptionGroup var database: DatabaseOptions

  @Option(help: "The agent's email.")
  var email: String

  /// Runs `body` with the administration use-case and the agent; store refusals become one-line errors.
  func perform(_ body: (AgentAdministration, Agent) async throws -> String) async throws {
    let admin = try await database.openAccounts().accounts.administration
    do {
      Console.line(try await body(admin, try await admin.agent(email: email)))
    } catch let error as StoreError {
      throw CLIError(error.description)
    }
  }
}

/// An agent as `agents list --json` prints it.
struct AgentLine: Encodable {
  let id: Int64
  let email: String
  let name: String
  let role: String
  let active: Bool
  let createdAt: String
  let disabledAt: String?

  init(_ agent: Agent) {
    id = agent.id
    email = agent.email
    name = agent.name
    role = agent.role.rawValue
    active = agent.isActive
    createdAt = ISO8601.string(agent.createdAt)
    disabledAt = agent.disabledAt.map(ISO8601.string)
  }
}

/// Reads a password without echoing it on a terminal.
enum PasswordInput {
  static func read(fromStdin: Bool) throws -> String {
    if fromStdin || isatty(STDIN_FILENO) == 0 {
      guard let line = readLine(strippingNewline: true) else { throw CLIError("No password on standard input.") }
      return line
    }
    guard let first = getpass("Password: ").map({ String(cString: $0) }),
      let second = getpass("Repeat password: ").map({ String(cString: $0) })
    else { throw CLIError("No password entered.") }
    guard first == second else { throw CLIError("The passwords do not match.") }
    return first
  }
}
