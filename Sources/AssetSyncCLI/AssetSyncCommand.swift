import ArgumentParser

/// `assetsync`: the one binary operators, scripts and tests drive. Its commands, flags and the
/// sync report's CSV header are a contract (`CLIContractTests`): add flags, never rename or remove.
@main
struct AssetSyncCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assetsync",
    abstract: "Self-hosted helpdesk asset management with a built-in Kandji integration.",
    version: "0.1.0",
    subcommands: [
      DemoCommand.self, ServeCommand.self, SyncCommand.self, KandjiCommand.self, AgentsCommand.self,
      APIKeysCommand.self, SSOCommand.self,
      SimulateKandjiCommand.self, BenchCommand.self, MigrateDatabaseCommand.self,
    ]
  )
}
