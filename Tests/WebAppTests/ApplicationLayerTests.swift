import AssetCore
import AssetStoreTestSupport
import AssetSyncApplication
import Foundation
import KandjiAPI
import SyncService
import Testing
import WebApp

/// Issue 18: one builder of the application (`AssetSyncApp`). The server wraps the application
/// it is given, and builds it from the same settings the CLI passes, so both run one sync path.
@Suite("The application layer: one builder for the server and the CLI")
struct ApplicationLayerTests {
  let sealer: TokenSealer

  init() throws { sealer = try TokenSealer(keyData: Data(repeating: 3, count: 32)) }

  @Test("the web layer holds the application it is given: one coordinator, one password pool, one sealer")
  func webLayerSharesTheApplication() async throws {
    let application = AssetSyncApp(
      store: try await StoreBackend.sqlite.makeStore(), sealer: sealer, settings: ApplicationSettings(bcryptCost: 4))
    let services = AppServices(application: application, configuration: AppConfiguration(bcryptCost: 4))
    #expect(services.coordinator === application.coordinator)
    #expect(services.passwordWork === application.accounts.passwordWork)
    let sealed = try application.sealer.seal(KandjiToken("token"))
    #expect(try services.sealer.open(sealed).secret == "token")
  }

  @Test("the server's configuration reaches the application it builds")
  func configurationReachesTheApplication() async throws {
    var configuration = AppConfiguration(
      bcryptCost: 5, runScheduler: false, syncStaleAfter: 30, allowCustomKandjiEndpoints: true, passwordThreads: 3,
      passwordQueueLimit: 7)
    configuration.historyDays = 10
    configuration.assetHistoryDays = 20
    let services = AppServices(
      store: try await StoreBackend.sqlite.makeStore(), sealer: sealer, configuration: configuration)
    let application = services.application
    #expect(application.accounts.passwords.cost == 5)
    #expect(application.accounts.passwordWork.threads == 3)
    #expect(application.accounts.passwordWork.queueLimit == 7)
    #expect(application.settings.syncStaleAfter == 30)
    #expect(application.settings.historyDays == 10)
    #expect(application.settings.assetHistoryDays == 20)
    #expect(application.kandjiEndpoints == .allowCustomEndpoints)
    #expect(AppConfiguration().application.kandjiEndpointPolicy == .kandjiHostsOnly)
  }

  @Test("beside a server run the scheduler (unless turned off), then the clean stop of running syncs")
  func backgroundServices() async throws {
    let application = AssetSyncApp(
      store: try await StoreBackend.sqlite.makeStore(), sealer: sealer, settings: ApplicationSettings(bcryptCost: 4))
    let withScheduler = application.backgroundServices(runScheduler: true)
    #expect(withScheduler.count == 2)
    #expect(withScheduler.first is SyncScheduler)
    #expect(!(withScheduler.last is SyncScheduler))
    let without = application.backgroundServices(runScheduler: false)
    #expect(without.count == 1)
    #expect(!(without.first is SyncScheduler))
  }
}
