import AssetCore
import AssetStore
import Foundation

/// The asset list's Kandji attribute filters (issue 19) as the page's form shows them: a tag, a
/// blueprint and a Yes/No choice per flag the type's platform has. The same query parameters as
/// the API (`AssetAttributeFilters`), so a filtered page's address works there too.
struct AssetListFilters {
  struct Flag {
    var key, label: String
    var any, yes, no: Bool
  }

  /// Only managed types have Kandji attributes to filter on.
  var shown: Bool
  var tag, blueprint: String
  var flags: [Flag]
  /// Open the "More filters" box when a flag is set.
  var anyFlagSet: Bool

  init(type: AssetType, filters: [AttributeFilter]) {
    shown = type.isManaged
    func value(_ key: String) -> String? { filters.first { $0.key == key }?.value }
    tag = value("tags") ?? ""
    blueprint = value("blueprint") ?? ""
    flags = AssetAttributeFilters.attributes.filter { attribute in
      attribute.type == .boolean && type.platform.map { attribute.applies(to: $0) } ?? false
    }.map { attribute in
      let set = value(attribute.key)
      return Flag(key: attribute.key, label: attribute.label, any: set == nil, yes: set == "true", no: set == "false")
    }
    anyFlagSet = flags.contains { !$0.any }
  }

  /// The filters as query parts for the pager's links.
  static func queryParts(_ filters: [AttributeFilter]) -> [String] {
    filters.map { "\($0.key)=" + ($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
  }
}
