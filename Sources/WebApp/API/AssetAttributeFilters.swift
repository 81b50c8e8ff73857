import AssetCore
import AssetStore
import Hummingbird

/// The asset list's Kandji attribute filters (issue 19), the same query parameters on the API
/// (`assets/?tags=Finance&filevault_enabled=true`) and the list page: `tags` (one tag exactly),
/// `blueprint` (its name exactly) and every flag (`true`/`false`). Each parameter may repeat;
/// every filter must match.
enum AssetAttributeFilters {
  /// The filterable attributes, in catalogue order.
  static let attributes: [KandjiAttribute] = KandjiAttributeCatalogue.attributes.filter {
    $0.key == "tags" || $0.key == "blueprint" || $0.type == .boolean
  }

  static let keys: Set<String> = Set(attributes.map(\.key))

  /// The filters a request's query names; an empty value is no filter, a flag other than
  /// `true`/`false` a 400 naming the parameter.
  static func read(_ request: Request) throws -> [AttributeFilter] {
    let query = request.uri.queryParameters
    var filters: [AttributeFilter] = []
    for attribute in attributes {
      for raw in query.getAll(attribute.key) {
        let value = String(raw).trimmingCharacters(in: .whitespaces)
        if value.isEmpty { continue }
        if attribute.type == .boolean, value != "true", value != "false" {
          throw APIError.field(attribute.key, "Use true or false.")
        }
        // The same rule as a search: one line of at most 200 characters.
        if value.exceeds(characters: 200) || value.hasControlCharacters() {
          throw APIError.field(attribute.key, "Give at most 200 characters on one line.")
        }
        filters.append(AttributeFilter(key: attribute.key, value: value))
      }
    }
    return filters
  }
}
