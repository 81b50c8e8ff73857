/// The Kandji side of the store: the app and its connections, their API budget (R24), the
/// single-asset refresh ledger, and everything a sync run reads and writes. A composition only;
/// consumers take the slice they use.
public protocol SyncStore: ConnectionStore, CallBudgetStore, RefreshLedgerStore, SyncBatchStore, SyncRunStore {}
