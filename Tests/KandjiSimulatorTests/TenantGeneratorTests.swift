import AssetCore
import Testing

@testable import KandjiSimulator

@Suite("A deterministic, realistic tenant")
struct TenantGeneratorTests {
  let fleet = TenantGenerator(seed: 7).devices(count: 2_000)

  @Test func sameSeedSameTenantAnyFleetSize() {
    let again = TenantGenerator(seed: 7).devices(count: 10)
    #expect(Array(fleet.prefix(10)) == again)
    #expect(TenantGenerator(seed: 8).devices(count: 10) != again)
  }

  @Test func allSixPlatformsInRealisticShares() {
    let counts = Dictionary(grouping: fleet, by: \.platform).mapValues(\.count)
    #expect(Set(counts.keys) == Set(Platform.allCases))
    #expect(counts[.mac]! > counts[.iPhone]!)
    #expect(counts[.iPhone]! > counts[.appleTV]!)
    #expect(counts[.windows]! >= 20)
  }

  @Test func identitiesAreUnique() {
    #expect(Set(fleet.map(\.deviceID)).count == fleet.count)
    #expect(Set(fleet.map(\.serialNumber)).count == fleet.count)
  }

  @Test func usersAreSometimesMissingAndOftenShared() {
    let unassigned = fleet.filter { $0.user == nil }.count
    #expect((100...300).contains(unassigned))
    let owners = Dictionary(grouping: fleet.compactMap(\.user), by: \.email)
    #expect(owners.values.contains { $0.count > 1 })
    #expect(fleet.contains { $0.user?.legacyIntegerID != nil })
  }

  @Test func quirksArePresent() {
    #expect(fleet.contains { $0.assetTag.isEmpty })
    #expect(fleet.contains { !$0.assetTag.isEmpty })
    #expect(fleet.contains { $0.lastCheckIn == nil })
    #expect(fleet.filter { $0.platform == .appleTV }.allSatisfy { $0.supervised == nil })
    #expect(fleet.filter { !$0.platform.isApple }.allSatisfy { $0.udid == nil })
    #expect(fleet.filter { $0.platform == .mac }.allSatisfy { $0.udid?.count == 36 })
  }
}
