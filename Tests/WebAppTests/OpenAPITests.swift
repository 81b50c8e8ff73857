import Foundation
import HummingbirdTesting
import Testing
import WebApp
import Yams

@Suite("openapi.yaml describes exactly the routes the server has")
struct OpenAPITests {
  static var documentURL: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("openapi.yaml")
  }

  /// HappyFox documents paths with a trailing `/`; the router matches with or without it.
  static func trimmed(_ route: String) -> String { route.hasSuffix("/") ? String(route.dropLast()) : route }

  @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
    let text = try String(contentsOf: Self.documentURL, encoding: .utf8)
    let document = try #require(try Yams.load(yaml: text) as? [String: Any])
    #expect(document["openapi"] as? String == "3.1.0")
    let paths = try #require(document["paths"] as? [String: Any])
    var documented = Set<String>()
    for (path, item) in paths {
      for method in (item as? [String: Any] ?? [:]).keys
      where ["get", "post", "put", "delete", "patch"].contains(method) {
        documented.insert("\(method.uppercased()) \(path)")
      }
    }
    let served = try await AppHarness.run(devices: 1) { h in
      try await h.test { client in
        _ = try await client.call(.get, "/health", as: nil)
        return Set(h.registry.routes.map(Self.trimmed)).union(["GET /health"])
      }
    }
    let normalisedDocumented = Set(documented.map(Self.trimmed))
    #expect(served.subtracting(normalisedDocumented).sorted() == [], "served but not documented")
    #expect(normalisedDocumented.subtracting(served).sorted() == [], "documented but not served")
  }
}

extension OpenAPITests {
  /// Every query parameter the server takes is documented, and every documented one is taken
  /// (the server refuses the rest with 400).
  @Test func queryParametersMatchTheDocument() async throws {
    let text = try String(contentsOf: Self.documentURL, encoding: .utf8)
    let document = try #require(try Yams.load(yaml: text) as? [String: Any])
    let paths = try #require(document["paths"] as? [String: Any])
    var documented: [String: Set<String>] = [:]
    for (path, item) in paths {
      for (method, operation) in item as? [String: Any] ?? [:] {
        let parameters = (operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
        documented["\(method.uppercased()) \(Self.trimmed(path))"] = Set(
          parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String })
      }
    }
    let served = try await AppHarness.run(devices: 1) { h in
      try await h.test { _ in
        Dictionary(h.registry.queryParameters.map { (Self.trimmed($0.key), $0.value) }) { first, _ in first }
      }
    }
    for (route, parameters) in served.sorted(by: { $0.key < $1.key }) where route != "GET /health" {
      #expect(documented[route] == parameters, "\(route)")
    }
  }
}
