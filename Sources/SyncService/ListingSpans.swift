/// The `device_id` span of each page of one listing. A page is one consistent read of Kandji's
/// list ordered by `device_id`, so a device whose id lies strictly between a page's first and last
/// id and that the page did not hold was not enrolled when the page was read — wherever the fleet
/// moved between pages. Usable only while every page came in ascending order: Kandji's ordering
/// and ours agreeing is checked, not assumed.
struct ListingSpans {
  private var spans: [(first: String, last: String)] = []
  private(set) var ordered = true

  /// Adds a page's device ids, in the order Kandji served them.
  mutating func add(_ ids: [String]) {
    guard let first = ids.first, let last = ids.last else { return }
    if !zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) { ordered = false }
    // A device served again at the start of the next page (enrolments mid-listing) is fine.
    if let previous = spans.last, previous.last > first { ordered = false }
    spans.append((first, last))
  }

  /// Whether `id` lies strictly inside a page's span (so that page would have held it).
  func encloses(_ id: String) -> Bool {
    guard ordered else { return false }
    var low = 0
    var high = spans.count
    // The first span whose first id is not below `id`; the candidate is the one before it.
    while low < high {
      let middle = (low + high) / 2
      if spans[middle].first < id { low = middle + 1 } else { high = middle }
    }
    guard low > 0 else { return false }
    return id < spans[low - 1].last
  }
}
