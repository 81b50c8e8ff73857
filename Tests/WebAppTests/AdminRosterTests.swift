import AssetCore
import AssetStore
import AssetStoreTestSupport
import AssetSyncApplication
import Foundation
import Testing
import WebApp

/// Two admins disabling each other at the same moment (issue 16, item 6): the store decides in
/// the one conditional update that disables, so at least one active admin always remains, on
/// every backend.
@Suite("Admin roster: the last active admin stays")
struct AdminRosterTests {
  let now = Date(timeIntervalSince1970: 1_780_000_000)

  @Test("concurrent disables of two admins always leave one active admin", arguments: StoreBackend.allCases)
  func concurrentDisables(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let admin = AgentAdministration(
      store: store, hashPassword: { $0 }, clock: ManualClock(start: Date(timeIntervalSince1970: 1_780_000_000)))
    let ann = try await store.createAgent(
      email: "ann@example.com", name: "Ann", role: .admin, passwordHash: "h", at: now)
    let bob = try await store.createAgent(
      email: "bob@example.com", name: "Bob", role: .admin, passwordHash: "h", at: now)
    let rounds = 40
    for round in 0..<rounds {
      // Each disables the other, both reading the other as active first (as two browsers do).
      let refusals = try await withThrowingTaskGroup(of: Bool.self) { group in
        for (actor, target) in [(ann, bob), (bob, ann)] {
          group.addTask {
            do {
              try await admin.disable(target, by: actor)
              return false
            } catch StoreError.invalid(let field, let message) {
              #expect(field == "agent")
              #expect(message.contains("is the last active admin"))
              return true
            }
          }
        }
        return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
      }
      let active = try await store.agents().filter { $0.isAdmin && $0.isActive }
      #expect(active.count == 1, "round \(round): \(active.map(\.email))")
      #expect(refusals == 1, "round \(round)")
      for agent in try await store.agents() where !agent.isActive { try await admin.enable(agent) }
    }
  }

  @Test("the last active admin cannot be disabled; agents and other admins can", arguments: StoreBackend.allCases)
  func lastAdmin(backend: StoreBackend) async throws {
    let store = try await backend.makeStore()
    let ann = try await store.createAgent(
      email: "ann@example.com", name: "Ann", role: .admin, passwordHash: "h", at: now)
    let cat = try await store.createAgent(
      email: "cat@example.com", name: "Cat", role: .agent, passwordHash: "h", at: now)
    await #expect(
      throws: StoreError.invalid(
        field: "agent", message: "ann@example.com is the last active admin; make another admin first.")
    ) {
      try await store.setAgentDisabled(id: ann.id, disabled: true, at: now)
    }
    #expect(try await store.setAgentDisabled(id: cat.id, disabled: true, at: now).isActive == false)
    // Disabling a disabled agent again changes nothing.
    #expect(try await store.setAgentDisabled(id: cat.id, disabled: true, at: now + 5).disabledAt == now)
    let dan = try await store.createAgent(
      email: "dan@example.com", name: "Dan", role: .admin, passwordHash: "h", at: now)
    #expect(try await store.setAgentDisabled(id: ann.id, disabled: true, at: now).isActive == false)
    #expect(try await store.agents().filter { $0.isAdmin && $0.isActive }.map(\.id) == [dan.id])
  }
}
