import AssetCore
import AssetStore
import Hummingbird

/// HappyFox's paging: `size` (default 10, at most 50) and `page` (from 1), answered with a
/// `page_info` envelope whose `count` is the number of items on the page and `last_index` the
/// total (as in every example of HappyFox's articles).
struct Paging {
  var page: Int
  var size: Int

  static func from(_ request: Request) throws -> Paging {
    var errors: [String: [String]] = [:]
    let query = request.uri.queryParameters
    var paging = Paging(page: 1, size: 10)
    if let text = query["size"] {
      if let size = Int(text), (1...50).contains(size) {
        paging.size = size
      } else {
        errors["size"] = ["Must be a whole number from 1 to 50."]
      }
    }
    if let text = query["page"] {
      if let page = Int(text), page >= 1, page <= 1_000_000 {
        paging.page = page
      } else {
        errors["page"] = ["Must be a whole number from 1."]
      }
    }
    if !errors.isEmpty { throw APIError(fields: errors) }
    return paging
  }

  static func envelope<T>(_ page: Page<T>, _ item: (T) -> JSONValue) -> JSONValue {
    envelope(page, data: page.items.map(item))
  }

  static func envelope<T>(_ page: Page<T>, data: [JSONValue]) -> JSONValue {
    let start = page.items.isEmpty ? 0 : (page.page - 1) * page.size + 1
    return .object([
      (
        "page_info",
        .object([
          ("count", .int(page.items.count)), ("page_count", .int(page.pageCount)), ("start_index", .int(start)),
          ("end_index", .int(page.items.isEmpty ? 0 : start + page.items.count - 1)), ("last_index", .int(page.total)),
        ])
      ),
      ("data", .array(data)),
    ])
  }
}

extension Paging {
  /// One page of a list held in memory (types and fields are short lists).
  func page<T: Sendable>(of items: [T]) -> Page<T> {
    let start = min(items.count, (page - 1) * size)
    return Page(items: Array(items[start..<min(items.count, start + size)]), total: items.count, page: page, size: size)
  }
}

extension Request {
  /// A required integer path parameter, or 404 (a non-number id names nothing).
  func id(_ context: some RequestContext, _ name: String = "id", what: String) throws -> Int64 {
    guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else { throw APIError.notFound(what) }
    return id
  }

  /// The `q` search text: at most 200 characters, one line (a 400 otherwise).
  func searchText(_ name: String = "q") throws -> String? {
    guard let text = uri.queryParameters[Substring(name)].map(String.init) else { return nil }
    guard !text.exceeds(characters: 200), !text.hasControlCharacters() else {
      throw APIError.field(name, "Search for at most 200 characters on one line.")
    }
    return text
  }

  /// An optional integer query parameter; a malformed one is a 400 naming it.
  func queryInt(_ name: String) throws -> Int64? {
    guard let text = uri.queryParameters[name.utf8.isEmpty ? "" : Substring(name)] else { return nil }
    guard let value = Int64(text), value > 0 else { throw APIError.field(name, "A valid id is required.") }
    return value
  }
}
