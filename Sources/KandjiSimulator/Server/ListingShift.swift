/// A change of the fleet timed to land between two page requests of one listing: Kandji pages
/// by `offset` only, so devices that leave (or enroll) while a client pages move every later
/// device up (or down) a place. Armed with `KandjiSimulator.shiftListing(…)`; it fires once, just
/// before the simulator answers the first device-list request at `offset` (filters ignored).
public struct ListingShift: Sendable, Hashable {
  /// The page request (its `offset`) before which the fleet changes.
  public var offset: Int
  /// How many devices leave; they are taken from just before `offset` in `device_id` order, so
  /// the devices served at the start of the next page are the ones a naive pass never sees.
  public var remove: Int
  /// How many devices enroll; their ids sort before every other, so the device at the end of
  /// the previous page is served again at the start of the next one.
  public var add: Int

  public init(offset: Int, remove: Int = 0, add: Int = 0) {
    self.offset = max(0, offset)
    self.remove = max(0, remove)
    self.add = max(0, add)
  }
}

/// What an armed `ListingShift` did when it fired.
public struct ListingShiftOutcome: Sendable, Hashable {
  /// The ids of the devices that left.
  public var removed: [String]
  /// The ids of the devices that enrolled.
  public var added: [String]
}
