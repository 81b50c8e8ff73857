import AssetCore
import KandjiAPI

extension KandjiDevice {
  /// The plain values `SyncPlan` decides on.
  public var snapshot: DeviceSnapshot {
    DeviceSnapshot(
      deviceID: deviceID, deviceName: deviceName, model: model, serialNumber: serialNumber,
      platformName: platformName, osVersion: osVersion, assetTag: assetTag, lastCheckIn: lastCheckIn,
      blueprintName: blueprintName, mdmEnabled: mdmEnabled, agentInstalled: agentInstalled, isMissing: isMissing,
      isRemoved: isRemoved, lastEnrollment: lastEnrollment, userEmail: user?.email, userName: user?.name,
      listAttributes: listAttributes)
  }
}

extension DeviceDecodeFailure {
  /// A report row for a device Kandji sent but AssetSync could not read (R11).
  var reportRow: SyncReportRow {
    SyncReportRow(
      outcome: .failed, kandjiDeviceID: deviceID, displayID: nil, name: deviceName, platform: platformName,
      reason: "Kandji's record could not be read: \(reason)")
  }
}
