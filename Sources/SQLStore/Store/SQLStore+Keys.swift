extension SQLStore {
  /// Gives rows written before migration v5 their sort and search keys (`KeyBackfill`); a no-op
  /// once every row has them. Drivers call it after migrating.
  public func fillMissingKeys() async throws {
    try await write { s in
      let updates = try KeyBackfill.updates(try await s.fetch(KeyBackfill.missing))
      if !updates.isEmpty { try await s.execute(updates) }
    }
    // Tickets a batch at a time, until none is missing.
    while try await write({ s in
      let updates = try KeyBackfill.ticketUpdates(try await s.fetch(KeyBackfill.missingTickets))
      if !updates.isEmpty { try await s.execute(updates) }
      return !updates.isEmpty
    }) {}
  }
}
