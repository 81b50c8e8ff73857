/// Where AssetSync keeps everything: asset types and fields, assets, contacts, tickets, sync
/// runs and reports, accounts, settings. One implementation (`SQLStore`) runs on SQLite
/// (`SQLiteStore`, the default) and PostgreSQL (`PostgresStore`); both pass the same contract tests.
///
/// A composition only: each slice serves its consumers (the sync engine takes `SyncBatchStore &
/// SyncRunStore`, a contact route `ContactStore`, …), so a consumer names what it uses and a
/// test double implements no more than that. Every method is one transaction. Errors are
/// `StoreError` values.
public protocol AssetStore: AssetRecordStore, AssetTypeStore, ContactStore, TicketStore, AccountStore, SyncStore,
  SignInStore, FindStore
{}
