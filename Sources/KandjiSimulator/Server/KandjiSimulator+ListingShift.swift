extension KandjiSimulator {
  /// Arms a fleet change for the next device-list request at `shift.offset` (replacing one
  /// armed earlier); `listingShiftOutcome` tells what it did once it fired.
  public func shiftListing(_ shift: ListingShift) {
    state.withLock { s in
      s.listingShift = shift
      s.listingShiftOutcome = nil
    }
  }

  /// The devices the last armed `ListingShift` removed and added (nil until it fired).
  public var listingShiftOutcome: ListingShiftOutcome? { state.withLock { $0.listingShiftOutcome } }

  /// Fires the armed shift if this list request is the one it waits for.
  func fireListingShift(offset: Int, _ s: inout SimulatorState) {
    guard let shift = s.listingShift, shift.offset == offset else { return }
    s.listingShift = nil
    let byID = s.ordered(by: "device_id")
    let end = min(shift.offset, byID.count)
    let leaving = byID[max(0, end - shift.remove)..<end].map(\.deviceID)
    let gone = Set(leaving)
    s.devices.removeAll { gone.contains($0.deviceID) }
    var added: [String] = []
    for (number, var device) in generator.devices(count: shift.add, startingAt: s.nextGeneratedIndex).enumerated() {
      // An id below every generated one (they are random UUIDs): the device lands on page one.
      let hex = String(number, radix: 16)
      device.deviceID = "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
      added.append(device.deviceID)
      s.devices.append(device)
    }
    s.nextGeneratedIndex += shift.add
    s.devicesChanged()
    s.listingShiftOutcome = ListingShiftOutcome(removed: leaving, added: added)
  }
}
