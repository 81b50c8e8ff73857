/// The page of a list a caller asked for, clamped where every caller passes: page 1 … 1,000,000,
/// size 1 … 1,000. Whatever a request says (`?page=9223372036854775807`), the offset stays far
/// inside `Int` and no arithmetic on it can trap.
public struct PageWindow: Sendable, Hashable {
  public static let maxPage = 1_000_000
  public static let maxSize = 1_000

  public let page: Int
  public let size: Int

  public init(page: Int, size: Int) {
    self.page = min(max(1, page), Self.maxPage)
    self.size = min(max(1, size), Self.maxSize)
  }

  /// Rows before this page; at most 999,999,000.
  public var offset: Int { (page - 1) * size }
}

/// A query with a page window: `page` and `size` read and write through the clamped window.
public protocol PagedQuery {
  var window: PageWindow { get set }
}

extension PagedQuery {
  public var page: Int {
    get { window.page }
    set { window = PageWindow(page: newValue, size: window.size) }
  }

  public var size: Int {
    get { window.size }
    set { window = PageWindow(page: window.page, size: newValue) }
  }

  public var offset: Int { window.offset }
}
