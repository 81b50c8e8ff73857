import Foundation

extension LiveKandjiClient {
  /// Pages of blueprints read at most: a tenant has tens of blueprints, and a server that keeps
  /// answering `next` must not hold a run.
  static let maxBlueprintPages = 20

  public func blueprints() async throws -> [KandjiBlueprint] {
    var blueprints: [KandjiBlueprint] = []
    var offset = 0
    for _ in 0..<Self.maxBlueprintPages {
      let response = try await send(
        path: "/api/v1/blueprints", query: [("limit", "300"), ("offset", "\(offset)")], kind: .list)
      let page: BlueprintPage
      do { page = try JSONDecoder().decode(BlueprintPage.self, from: Data(response.body)) } catch {
        throw KandjiError.decoding(detail: "the blueprint list: \(DecodingErrorText.describe(error))")
      }
      blueprints += page.results
      offset += page.results.count
      guard page.next != nil, !page.results.isEmpty else { break }
    }
    return blueprints
  }

  /// Whether the token has the optional "List Blueprints" permission: one call of
  /// `GET /api/v1/blueprints?limit=1`, within `authorizationTimeout`. True when it answers, false
  /// on 401 or 403, nil when it could not be judged (Kandji failing, no answer in time). Never
  /// a reason to refuse credentials: blueprint names also come from the devices listed.
  public func canListBlueprints() async -> Bool? {
    await Self.$deadline.withValue(clockNow() + Self.authorizationTimeout) {
      do {
        _ = try await send(path: "/api/v1/blueprints", query: [("limit", "1")], kind: .list)
        return true
      } catch KandjiError.forbidden, KandjiError.unauthorized {
        return false
      } catch {
        return nil
      }
    }
  }
}
