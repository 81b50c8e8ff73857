extension KandjiSimulator {
  /// Arms a fleet change for the next unfiltered device-list request at `shift.offset` after
  /// the shifts armed before it have fired (so two shifts at one offset land in two listings);
  /// `listingShiftOutcome` tells what they did.
  public func shiftListing(_ shift: ListingShift) {
    state.withLock { s in
      if s.listingShifts.isEmpty { s.listingShiftOutcome = nil }
      s.listingShifts.append(shift)
    }
  }

  /// Makes the device list ignore its `device_id` filter (as a proxy or an API version that
  /// drops it would), or honour it again.
  public func ignoreDeviceIDFilter(_ ignore: Bool = true) {
    state.withLock { $0.ignoresDeviceIDFilter = ignore }
  }

  /// The devices the armed shifts removed and added, all of them since the queue was last empty
  /// (nil until one fired).
  public var listingShiftOutcome: ListingShiftOutcome? { state.withLock { $0.listingShiftOutcome } }

  /// Fires the armed shift if this list request is the one it waits for.
  func fireListingShift(offset: Int, _ s: inout SimulatorState) {
    guard let shift = s.listingShifts.first, shift.offset == offset else { return }
    s.listingShifts.removeFirst()
    let byID = s.ordered(by: "device_id")
    let end = min(shift.offset, byID.count)
    let leaving = byID[max(0, end - shift.remove)..<end].map(\.deviceID)
    let gone = Set(leaving)
    s.devices.removeAll { gone.contains($0.deviceID) }
    var added: [String] = []
    for (number, var device) in generator.devices(count: shift.add, startingAt: s.nextGeneratedIndex).enumerated() {
      // An id below every generated one (they are random UUIDs): the device lands on page one.
      let hex = String(s.nextGeneratedIndex + number, radix: 16)
      device.deviceID = "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
      added.append(device.deviceID)
      s.devices.append(device)
    }
    s.nextGeneratedIndex += shift.add
    s.devicesChanged()
    let earlier = s.listingShiftOutcome ?? ListingShiftOutcome(removed: [], added: [])
    s.listingShiftOutcome = ListingShiftOutcome(removed: earlier.removed + leaving, added: earlier.added + added)
  }
}
