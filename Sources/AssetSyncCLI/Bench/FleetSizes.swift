import ArgumentParser

/// The `--devices 10000,100000` list of the benchmarks.
struct FleetSizes {
  let values: [Int]

  init(_ text: String) {
    values = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
  }

  func validate() throws {
    guard !values.isEmpty, values.allSatisfy({ (1...2_000_000).contains($0) }) else {
      throw ValidationError("--devices takes comma-separated counts from 1 to 2000000, e.g. 10000,100000.")
    }
  }
}
