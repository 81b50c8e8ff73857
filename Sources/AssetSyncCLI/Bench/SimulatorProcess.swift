import Foundation

/// `assetsync simulate-kandji` in a child process, so a benchmark measures the client's memory
/// without the simulated tenant's.
final class SimulatorProcess {
  let url: String
  let token: String
  private let process: Process

  /// Starts the child on a free loopback port and waits for it to print its URL.
  init(devices: Int, seed: UInt64 = 42, rateLimited: Bool) throws {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments =
      [
        "simulate-kandji", "--port", "0", "--devices", String(devices), "--seed", String(seed), "--json",
      ] + (rateLimited ? [] : ["--rate-per-second", "0", "--rate-per-hour", "0"])
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    self.process = process
    var line = Data()
    while true {
      let byte = output.fileHandleForReading.readData(ofLength: 1)
      if byte.isEmpty || byte == Data("\n".utf8) { break }
      line.append(byte)
    }
    struct Started: Decodable {
      let url: String
      let token: String
    }
    guard let started = try? JSONDecoder().decode(Started.self, from: line) else {
      process.terminate()
      throw CLIError("The Kandji simulator did not start: \(String(decoding: line, as: UTF8.self))")
    }
    url = started.url
    token = started.token
  }

  func stop() {
    guard process.isRunning else { return }
    process.terminate()
    process.waitUntilExit()
  }

  deinit { stop() }
}
