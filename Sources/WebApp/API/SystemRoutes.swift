import AssetCore
import Foundation
import Hummingbird

/// `GET /health` (no authentication: load balancers call it) and `GET /metrics` (Prometheus).
struct SystemRoutes {
  let services: AppServices

  func register(health router: Router<AppRequestContext>) {
    router.get("health") { _, _ -> Response in
      // The database answering is what "healthy" means for a replica.
      do {
        _ = try await services.store.kandjiSettings()
        return .json(.object([("status", .string("ok"))]))
      } catch {
        return .json(
          .object([("status", .string("unavailable")), ("reason", .string("database"))]), status: .serviceUnavailable)
      }
    }
  }

  func register(metrics api: APIRoutes<AgentAccess>) {
    api.get("metrics") { _, context in
      let counts = try await services.store.assetCounts()
      let types = try await services.store.assetTypes()
      services.metrics.setAssets(types.map { ($0.name, counts[$0.id] ?? 0) })
      var tenants: [(name: String, listDataAge: TimeInterval?, callsLastHour: Int)] = []
      for connection in try await services.store.kandjiConnections(includeRemoved: false) {
        let listed = try await services.store.lastCompleteListing(connectionID: connection.id)
        tenants.append(
          (
            connection.name, listed.map { services.now().timeIntervalSince($0) },
            try await services.connections.callsInLastHour(connectionID: connection.id)
          ))
      }
      services.metrics.setConnections(tenants)
      var headers = HTTPFields()
      headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
      return Response(
        status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: services.metrics.text())))
    }
  }
}
