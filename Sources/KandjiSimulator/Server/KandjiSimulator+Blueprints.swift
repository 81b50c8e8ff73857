import AssetCore

extension KandjiSimulator {
  /// `GET /api/v1/blueprints`: Django REST framework's limit/offset page (`count`, `next`,
  /// `previous`, `results`), unlike the device list's bare array. Lists the tenant's blueprints
  /// (devices or not) and any other blueprint a device was moved to, each with the fields of
  /// the recorded example (`id`, `name`, `icon`, `color`, `description`, `params`,
  /// `computers_count`, `enrollment_code`, `type`).
  func blueprints(_ request: SimulatorRequest, _ s: SimulatorState) -> SimulatorResponse {
    var all = generator.blueprints
    var known = Set(all.map(\.id))
    var counts: [String: Int] = [:]
    for device in s.devices {
      counts[device.blueprintID, default: 0] += 1
      if known.insert(device.blueprintID).inserted { all.append((device.blueprintID, device.blueprintName)) }
    }
    let limit = min(request.query["limit"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 300, 300)
    let offset = max(0, request.query["offset"].flatMap { Int($0) } ?? 0)
    let page = offset < all.count ? Array(all[offset..<min(all.count, offset + limit)]) : []
    let base = "http://\(request.host ?? "localhost")/api/v1/blueprints"
    let next: JSONValue =
      offset + limit < all.count ? .string("\(base)?limit=\(limit)&offset=\(offset + limit)") : .null
    let previous: JSONValue =
      offset == 0
      ? .null
      : .string(offset - limit <= 0 ? "\(base)?limit=\(limit)" : "\(base)?limit=\(limit)&offset=\(offset - limit)")
    let results = page.enumerated().map { position, blueprint in
      JSONValue.object([
        ("id", .string(blueprint.id)), ("name", .string(blueprint.name)), ("icon", .string("ss-files")),
        ("color", .string("aqua-800")), ("description", .string("")), ("params", .object([])),
        ("computers_count", .int(counts[blueprint.id] ?? 0)),
        (
          "enrollment_code",
          .object([
            ("code", .string(String(100_000 + (offset + position) * 7_919 % 900_000))), ("is_active", .bool(true)),
          ])
        ),
        ("type", .string("classic")),
      ])
    }
    return .json(
      200,
      .object([("count", .int(all.count)), ("next", next), ("previous", previous), ("results", .array(results))]))
  }
}
