import ArgumentParser
import AssetCore
import AssetStore
import Foundation
import WebApp

/// `assetsync agents create`: bootstrap agents (the first admin) from the command line.
struct AgentsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agents", abstract: "Manage agents.", subcommands: [Create.self])

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
      let store = try await database.openStore()
      do {
        let agent = try await store.createAgent(
          email: email, name: name, role: AgentRole(rawValue: role)!, passwordHash: PasswordHasher().hash(password),
          at: Date())
        Console.line("Created \(agent.role.rawValue) \(agent.email) (id \(agent.id)).")
      } catch let error as StoreError {
        throw CLIError(error.description)
      }
    }
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
