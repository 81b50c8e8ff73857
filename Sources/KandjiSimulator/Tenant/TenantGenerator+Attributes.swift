import AssetCore

extension TenantGenerator {
  /// Fills in the attributes issue 19 added (tags, lost mode, hardware, storage, FileVault,
  /// activation and recovery lock, MAC address, patch level) from the device's own random
  /// stream, separate from the one `device(at:)` draws from, so every earlier value stays.
  ///
  /// The mix is a realistic fleet's: about half the devices untagged and several tag sets,
  /// one Mac in eight without FileVault (and some without the key escrowed), a few iPads and
  /// iPhones in lost mode, disks from nearly empty to nearly full, 2 TB Macs reported in TB.
  func addAttributes(to device: inout SimulatedDevice, index: Int, release: TenantCatalog.OSRelease) {
    var rng = SplitMix64(seed: (seed ^ 0x19A7_7B1B_0E5C_A11E) &* 0x100_0000_01B3 &+ UInt64(index) &* 0xD6E8_FEB8)
    device.tags = rng.chance(0.45) ? [] : rng.pick(TenantCatalog.tagSets)
    // A private (locally administered, unicast) address, as iOS, Android and recent macOS send.
    let octets = [(rng.next() & 0xFC) | 0x02] + (0..<5).map { _ in rng.next() & 0xFF }
    device.macAddress = octets.map { String(format: "%02x", UInt32($0)) }.joined(separator: ":")
    switch device.platform {
    case .mac:
      device.processorName = TenantCatalog.processors[device.modelIdentifier] ?? "Apple M2"
      device.memory = rng.pick(TenantCatalog.macMemory)
      (device.storageCapacityGB, device.storageFreeGB) = storage(
        rng.pick([228.27, 245.11, 494.38, 994.66, 1990]), &rng)
      device.fileVaultEnabled = !rng.chance(0.125)
      device.fileVaultKeyEscrowed = device.fileVaultEnabled == true && rng.chance(0.92)
      device.activationLockDevice = rng.chance(0.1)
      device.activationLockUser = rng.chance(0.05)
      device.recoveryLockEnabled = rng.chance(0.4)
    case .iPad, .iPhone:
      device.lostModeStatus = rng.chance(0.05) ? "ENABLED" : ""
      (device.storageCapacityGB, device.storageFreeGB) = storage(rng.pick([64.0, 128.0, 256.0, 512.0]), &rng)
      device.activationLockDevice = device.supervised == true ? rng.chance(0.3) : false
      device.activationLockUser = rng.chance(0.1)
    case .appleTV:
      device.activationLockUser = nil
    case .android:
      device.memory = rng.pick(["7.52", "11.28", "7.6", "3.68"])
      (device.storageCapacityGB, device.storageFreeGB) = storage(rng.pick([110.28, 228.0, 53.4]), &rng)
      device.securityPatchLevel = release.version == "15" ? "2024-12-05" : "2024-02-01"
    case .windows:
      break
    }
  }

  /// A capacity and its free space: TB-sized disks to the 10 GB, so the "1.99 TB" text Kandji
  /// sends says exactly the stored number.
  private func storage(_ capacity: Double, _ rng: inout SplitMix64) -> (Double, Double) {
    let share = Double(rng.next() % 95 + 3) / 100
    let free = capacity * share
    if capacity >= 1_000 { return (capacity, (free / 10).rounded() * 10) }
    return (capacity, (free * 100).rounded() / 100)
  }
}
