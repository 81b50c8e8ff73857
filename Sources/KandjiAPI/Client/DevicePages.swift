/// The whole device listing as an `AsyncSequence` of pages, fetched lazily with
/// `limit`/`offset` until a short or empty page (Kandji pages devices by offset only, at most 300
/// a page; the body is a bare JSON array with no cursor or total to trust).
///
/// A page larger than asked for, or a page that starts with the same device as the previous
/// one (a proxy ignoring `offset`), ends the listing with an error instead of looping forever.
public struct DevicePages: AsyncSequence, Sendable {
  public typealias Element = DevicePage
  /// Kandji's hard cap on `limit`.
  public static let maxPageSize = 300

  let client: any KandjiClient
  let pageSize: Int
  /// Only this blueprint's devices (nil: every device).
  let blueprintID: String?

  init(client: any KandjiClient, pageSize: Int, blueprintID: String? = nil) {
    self.client = client
    self.pageSize = Swift.min(Swift.max(1, pageSize), Self.maxPageSize)
    self.blueprintID = blueprintID
  }

  public func makeAsyncIterator() -> Iterator {
    Iterator(client: client, pageSize: pageSize, blueprintID: blueprintID)
  }

  public struct Iterator: AsyncIteratorProtocol {
    let client: any KandjiClient
    let pageSize: Int
    let blueprintID: String?
    var offset = 0
    var finished = false
    var previousFirstID: String?

    public mutating func next() async throws -> DevicePage? {
      guard !finished else { return nil }
      let page = try await client.devicePage(offset: offset, limit: pageSize, blueprintID: blueprintID)
      if page.recordCount > pageSize {
        finished = true
        throw KandjiError.decoding(
          detail: "Kandji returned \(page.recordCount) devices for a page of \(pageSize); the listing cannot be trusted"
        )
      }
      if page.recordCount < pageSize { finished = true }
      if page.recordCount == 0 { return nil }
      let firstID = page.devices.first?.deviceID
      if let firstID, firstID == previousFirstID {
        finished = true
        throw KandjiError.decoding(
          detail: "Kandji returned the same page twice (offset \(offset) ignored); the listing cannot be trusted")
      }
      previousFirstID = firstID
      offset += page.recordCount
      return page
    }
  }
}
