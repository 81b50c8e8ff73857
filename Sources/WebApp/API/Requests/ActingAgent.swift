import AssetCore
import AssetStore

/// HappyFox names the acting agent in the request (`created_by`, `updated_by`, `deleted_by`,
/// `staff`, `staff_id`): AssetSync records the agent named. An admin's API key may name any active
/// agent (as a HappyFox account's key can); an agent's key may name only its own agent, so no
/// agent can put words in another's mouth. Nothing named: the key's agent.
enum ActingAgent {
  /// The id to record, or `nil` after adding the problem to `body`.
  static func resolve(
    _ id: Int64?, field: String, caller: Agent, store: any AgentStore, body: BodyReader
  ) async throws -> Int64? {
    if let problem = try await problem(id, caller: caller, store: store) {
      body.add(field, problem)
      return nil
    }
    return id ?? caller.id
  }

  /// The same for a query parameter (`deleted_by`): a 400 naming it.
  static func resolve(query id: Int64?, field: String, caller: Agent, store: any AgentStore) async throws -> Int64 {
    if let problem = try await problem(id, caller: caller, store: store) { throw APIError.field(field, problem) }
    return id ?? caller.id
  }

  static func problem(_ id: Int64?, caller: Agent, store: any AgentStore) async throws -> String? {
    guard let id, id != caller.id else { return nil }
    guard caller.isAdmin else {
      return "An agent's API key acts only as its own agent (\(caller.id)); an admin's key may name any active agent."
    }
    guard let agent = try await store.agent(id: id), agent.isActive else {
      return "Select a valid choice. \(id) is not an active agent."
    }
    return nil
  }
}
