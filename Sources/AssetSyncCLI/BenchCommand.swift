import ArgumentParser

/// `assetsync bench …`: measurements of speed and memory (never asserted in tests).
struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure AssetSync's speed and memory against the Kandji simulator.",
    subcommands: [
      KandjiListBenchmark.self, SyncBenchmark.self, APIBenchmark.self, AuthBenchmark.self, FreshnessBenchmark.self,
      BackfillBenchmark.self,
    ]
  )
}
