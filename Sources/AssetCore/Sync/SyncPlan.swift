/// The pure heart of the sync: from one page of Kandji devices, what the store holds and the
/// field mapping, decide every device's outcome and its report row. No I/O; the engine only
/// fetches and applies.
///
/// Rules, in order, for each device:
/// 1. An unsupported platform is `skipped`.
/// 2. The device is matched to its asset by Kandji `device_id`; failing that, to a synced asset
///    of the same connection with the same serial number that this run has not matched yet and
///    that was not enrolled after it (a re-enrolled device: new `device_id`, same hardware),
///    which is re-keyed. With several connections (R22): an asset of another connection with the
///    same serial moves here when it is retired there (the device left that tenant); while the
///    other tenant still lists it, the device is `failed` and that asset stays untouched.
/// 3. `is_removed` retires a matched asset (or is `skipped` when there is none).
/// 4. A display ID held by another asset — manual or synced, or claimed earlier in this run —
///    is never taken over: the device is `failed` and the holder is untouched (R6).
/// 5. No asset: `created` (details are fetched afterwards). An asset: `updated` with the changed
///    fields and list attributes (issue 19), or `skipped` as unchanged — which writes nothing.
public enum SyncPlan {
  public struct Result: Sendable {
    public var devices: [PlannedDevice]
    /// Assets matched by this page, so retirement and later re-enrollment matching skip them.
    public var matchedAssetIDs: Set<Int64>
  }

  /// - Parameter connectionID: the connection whose listing this is (nil: a single-tenant store).
  public static func make(
    devices: [DeviceSnapshot], snapshot: SyncSnapshot, mapping: FieldMapping, matchedEarlier: Set<Int64>,
    connectionID: Int64? = nil
  ) -> Result {
    var matched = matchedEarlier
    var claimed: [String: String] = [:]  // display ID → device id, within this page
    let pageDeviceIDs = Set(devices.map(\.deviceID))
    var planned: [PlannedDevice] = []
    planned.reserveCapacity(devices.count)
    for device in devices {
      switch match(
        device, snapshot: snapshot, matched: matched, pageDeviceIDs: pageDeviceIDs, connectionID: connectionID)
      {
      case .elsewhere(let holder):
        planned.append(listedElsewhere(device, holder: holder, snapshot: snapshot, mapping: mapping))
      case .found(let existing):
        if let existing { matched.insert(existing.id) }
        planned.append(
          decide(
            device, existing: existing, snapshot: snapshot, mapping: mapping, claimed: &claimed,
            connectionID: connectionID))
      }
    }
    return Result(devices: planned, matchedAssetIDs: matched.subtracting(matchedEarlier))
  }

  enum Match {
    /// The device's asset here (or a retired one moving here), or none.
    case found(SyncedAsset?)
    /// Another connection still syncs this device (same device id, or same serial and active).
    case elsewhere(SyncedAsset)
  }

  static func match(
    _ device: DeviceSnapshot, snapshot: SyncSnapshot, matched: Set<Int64>, pageDeviceIDs: Set<String>,
    connectionID: Int64?
  ) -> Match {
    func here(_ asset: SyncedAsset) -> Bool { connectionID == nil || asset.connectionID == connectionID }
    if let asset = snapshot.byDeviceID[device.deviceID] {
      return here(asset) || asset.isRetired ? .found(asset) : .elsewhere(asset)
    }
    guard let serial = device.serialNumber, let candidates = snapshot.bySerial[serial] else { return .found(nil) }
    let reEnrolled =
      candidates
      .filter { candidate in
        here(candidate) && !matched.contains(candidate.id) && !pageDeviceIDs.contains(candidate.attributes.deviceID)
          && (candidate.attributes.lastEnrollment ?? .distantPast) <= (device.lastEnrollment ?? .distantFuture)
      }
      .max { ($0.attributes.lastEnrollment ?? .distantPast) < ($1.attributes.lastEnrollment ?? .distantPast) }
    if let reEnrolled { return .found(reEnrolled) }
    let others = candidates.filter { !here($0) && !matched.contains($0.id) }
    if let active = others.first(where: { !$0.isRetired }) { return .elsewhere(active) }
    // The device left its tenant (retired there) and is enrolled here: it keeps its asset.
    return .found(
      others.max { ($0.attributes.lastEnrollment ?? .distantPast) < ($1.attributes.lastEnrollment ?? .distantPast) })
  }

  /// A device that another connection still syncs: reported, nothing written (R22).
  static func listedElsewhere(
    _ device: DeviceSnapshot, holder: SyncedAsset, snapshot: SyncSnapshot, mapping: FieldMapping
  ) -> PlannedDevice {
    let tenant =
      holder.connectionID.flatMap { snapshot.connectionNames[$0] }.map { "tenant \"\($0)\"" } ?? "another tenant"
    return PlannedDevice(
      decision: .fail,
      row: SyncReportRow(
        outcome: .failed, kandjiDeviceID: device.deviceID, displayID: mapping.displayID(of: device).value,
        name: mapping.name(of: device).value, platform: device.platformName,
        reason:
          "\(tenant) also lists this device (asset #\(holder.id), display ID \"\(holder.displayID)\"); nothing was overwritten"
      ))
  }

  static func decide(
    _ device: DeviceSnapshot, existing: SyncedAsset?, snapshot: SyncSnapshot, mapping: FieldMapping,
    claimed: inout [String: String], connectionID: Int64?
  ) -> PlannedDevice {
    let (name, nameFallback) = mapping.name(of: device)
    let (displayID, displayFallback) = mapping.displayID(of: device)
    func row(_ outcome: SyncOutcome, _ reason: String, displayID shown: String? = nil, name shownName: String? = nil)
      -> SyncReportRow
    {
      SyncReportRow(
        outcome: outcome, kandjiDeviceID: device.deviceID, displayID: shown ?? displayID, name: shownName ?? name,
        platform: device.platformName, reason: reason)
    }

    guard let platform = device.platform else {
      return PlannedDevice(
        decision: .skip, row: row(.skipped, "platform \"\(device.platformName)\" is not supported"))
    }

    if device.isRemoved == true {
      guard let existing else {
        return PlannedDevice(decision: .skip, row: row(.skipped, "removed in Kandji; not imported"))
      }
      if existing.isRetired {
        return PlannedDevice(
          decision: .skip,
          row: row(.skipped, "removed in Kandji; already retired", displayID: existing.displayID, name: existing.name))
      }
      return PlannedDevice(
        decision: .retire(assetID: existing.id, reason: "marked removed in Kandji"),
        row: row(.retired, "marked removed in Kandji", displayID: existing.displayID, name: existing.name))
    }

    if let holder = snapshot.displayIDOwners[displayID], holder.assetID != existing?.id {
      let who =
        holder.kandjiDeviceID.map { "the asset of Kandji device \($0) (asset #\(holder.assetID))" }
        ?? "manual asset #\(holder.assetID) \"\(holder.name)\""
      return PlannedDevice(
        decision: .fail,
        row: row(.failed, "display ID \"\(displayID)\" is already used by \(who); nothing was overwritten"))
    }
    if let other = claimed[displayID], other != device.deviceID {
      return PlannedDevice(
        decision: .fail,
        row: row(.failed, "display ID \"\(displayID)\" is already used by Kandji device \(other) in this sync"))
    }
    claimed[displayID] = device.deviceID

    var notes: [String] = []
    if let displayFallback {
      notes.append(
        "display ID from \(displayFallback.rawValue) (\(mapping.displayIDSource.rawValue) is empty)")
    }
    if let nameFallback { notes.append("name from \(nameFallback.rawValue) (\(mapping.nameSource.rawValue) is empty)") }
    let contactID = device.userEmail.flatMap { snapshot.contactIDsByEmail[Contact.emailKey($0)] }

    guard let existing else {
      let attributes = device.attributes(platform: platform, supervised: nil, udid: nil)
      let asset = NewManagedAsset(
        platform: platform, name: name, displayID: displayID, attributes: attributes, contactID: contactID,
        connectionID: connectionID)
      return PlannedDevice(decision: .create(asset), row: row(.created, notes.joined(separator: "; ")))
    }

    let attributes = device.attributes(
      platform: platform, supervised: existing.attributes.supervised, udid: existing.attributes.udid)
    var changes: [String] = []
    let moved = connectionID != nil && existing.connectionID != connectionID
    if moved {
      let from = existing.connectionID.flatMap { snapshot.connectionNames[$0] }.map { "tenant \"\($0)\"" }
      changes.append("moved from \(from ?? "another tenant")")
    } else if existing.attributes.deviceID != device.deviceID {
      changes.append("re-enrolled (was Kandji device \(existing.attributes.deviceID))")
    }
    if existing.isRetired && !moved { changes.append("back in Kandji") }
    if existing.name != name { changes.append("name") }
    if existing.displayID != displayID { changes.append("display_id") }
    changes += attributes.changedFields(comparedTo: existing.attributes).map(\.rawValue)
      .filter { $0 != ManagedField.deviceID.rawValue }
    // The list's other attributes (issue 19): a changed document is an update; an asset whose
    // document was never stored gets its first one (an upgraded install's first sync).
    if existing.listAttributesRead {
      changes += attributes.listAttributes.changedKeys(comparedTo: existing.attributes.listAttributes)
    } else {
      changes.append("kandji attributes (first read)")
    }
    let enrollmentChanged = attributes.enrollmentChanged(from: existing.attributes)
    if enrollmentChanged && changes.isEmpty { changes.append("enrollment") }
    // The sync's association follows the device's user; an agent's own link to the same
    // contact already satisfies it.
    let wantedContact = contactID.flatMap { existing.manualContactIDs.contains($0) ? nil : $0 }
    let contactChanged = wantedContact != existing.autoContactID
    if contactChanged { changes.append("contact") }

    guard !changes.isEmpty else {
      return PlannedDevice(
        decision: .skip, row: row(.skipped, (["unchanged"] + notes).joined(separator: "; ")))
    }
    let update = ManagedAssetUpdate(
      assetID: existing.id, platform: platform, name: name, displayID: displayID, attributes: attributes,
      contactID: wantedContact, contactChanged: contactChanged, unretire: existing.isRetired,
      needsDetails: enrollmentChanged || existing.attributes.deviceID != device.deviceID, connectionID: connectionID,
      previous: existing)
    return PlannedDevice(
      decision: .update(update),
      row: row(.updated, (["changed: " + changes.joined(separator: ", ")] + notes).joined(separator: "; ")))
  }
}
