import AssetCore
import AssetStore
import Foundation

extension SQLStore {
  static var singleSignOnSettingsKey: String { "single_sign_on" }

  public func singleSignOnSettings() async throws -> SingleSignOnSettings? {
    let text = try await read { s in
      try await s.fetchOne("SELECT value FROM settings WHERE key = \(Self.singleSignOnSettingsKey)")?.string(at: 0)
    }
    guard let text else { return nil }
    do {
      return try KandjiSettingsCoding.decoder.decode(SingleSignOnSettings.self, from: Data(text.utf8))
    } catch {
      throw StoreError.database("the stored single sign-on settings are unreadable")
    }
  }

  public func saveSingleSignOnSettings(_ settings: SingleSignOnSettings?) async throws {
    guard let settings else {
      _ = try await writeOne("DELETE FROM settings WHERE key = \(Self.singleSignOnSettingsKey)")
      return
    }
    let text = String(decoding: try KandjiSettingsCoding.encoder.encode(settings), as: UTF8.self)
    _ = try await writeOne(
      """
      INSERT INTO settings (key, value) VALUES (\(Self.singleSignOnSettingsKey), \(text))
      ON CONFLICT (key) DO UPDATE SET value = excluded.value
      """)
  }

  public func agentPasswordSignIn(id: Int64) async throws -> Bool? {
    try await read { s in
      try await s.fetchOne("SELECT password_sign_in FROM agents WHERE id = \(id)")?.bool(at: 0)
    }
  }

  public func setAgentPasswordSignIn(id: Int64, allowed: Bool?) async throws {
    let changed = try await writeOne(
      "UPDATE agents SET password_sign_in = \(allowed.map(\.sqlValue) ?? SQLValue.null) WHERE id = \(id)")
    guard changed == 1 else { throw StoreError.notFound("Agent \(id)") }
  }

  public func createPendingSignIn(_ pending: PendingSignIn, at now: Date) async throws {
    try await write { s in
      try await s.execute([
        "DELETE FROM oidc_sign_ins WHERE expires_at < \(now)",
        """
        INSERT INTO oidc_sign_ins (state_hash, browser_hash, nonce, code_verifier, next_path, expires_at, created_at)
        VALUES (\(pending.stateHash), \(pending.browserHash), \(pending.nonce), \(pending.codeVerifier),
          \(pending.next), \(pending.expiresAt), \(now))
        """,
      ])
    }
  }

  public func takePendingSignIn(stateHash: String) async throws -> PendingSignIn? {
    // One statement deletes and returns the row: two callbacks with the same state cannot both
    // find it, on either backend.
    try await write { s in
      try await s.fetch(
        """
        DELETE FROM oidc_sign_ins WHERE state_hash = \(stateHash)
        RETURNING state_hash, browser_hash, nonce, code_verifier, next_path, expires_at
        """
      ).decoded { r in
        PendingSignIn(
          stateHash: try r.string(), browserHash: try r.string(), nonce: try r.string(), codeVerifier: try r.string(),
          next: try r.string(), expiresAt: try r.date())
      }.first
    }
  }

  public func setSessionIDToken(tokenHash: String, idToken: String) async throws {
    _ = try await writeOne("UPDATE sessions SET id_token = \(idToken) WHERE token_hash = \(tokenHash)")
  }

  public func sessionIDToken(tokenHash: String) async throws -> String? {
    try await read { s in
      try await s.fetchOne("SELECT id_token FROM sessions WHERE token_hash = \(tokenHash)")?.string(at: 0)
    }
  }
}
