import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// An `assetsync serve` (or `simulate-kandji`) child process whose output goes to a file, so a
/// chatty process never blocks on a full pipe; the test reads its first line for the URL.
final class ChildProcess: @unchecked Sendable {
  let process = Process()
  let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
    "assetsync-child-\(UUID().uuidString).log"
  )
  .path

  init(_ arguments: [String], environment: [String: String] = [:]) throws {
    process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    process.standardOutput = output
    process.standardError = output
    try process.run()
  }

  /// The first line containing `marker`, waiting up to `timeout` seconds.
  func line(containing marker: String, timeout: TimeInterval = 60) async throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
      if let line = text.split(separator: "\n").first(where: { $0.contains(marker) }) { return String(line) }
      if !process.isRunning { break }
      try await Task.sleep(for: .milliseconds(50))
    }
    let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    throw ChildError(message: "no line with \"\(marker)\" from \(process.arguments?.first ?? ""): \(text)")
  }

  /// SIGKILL: the process gets no chance to clean up (a crashed replica).
  func killHard() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// SIGTERM, then whether the process exited by itself within `seconds` (it is killed if not).
  func stopGracefully(within seconds: TimeInterval) async throws -> Bool {
    guard process.isRunning else { return true }
    process.terminate()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
    guard process.isRunning else { return true }
    killHard()
    return false
  }

  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }

  deinit { stop() }
}

struct ChildError: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}

/// A REST client for one replica, authenticating with an API key.
struct APIClient: Sendable {
  let baseURL: String
  let authorization: String

  init(baseURL: String, key: String, code: String) {
    self.baseURL = baseURL
    authorization = "Basic " + Data("\(key):\(code)".utf8).base64EncodedString()
  }

  func call(_ method: String, _ path: String, json: String? = nil) async throws -> (status: Int, json: [String: Any]) {
    var request = URLRequest(url: URL(string: baseURL + "/api/1.1/json/" + path)!)
    request.httpMethod = method
    request.setValue(authorization, forHTTPHeaderField: "Authorization")
    if let json {
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = Data(json.utf8)
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
  }
}
