import AssetStore
import SyncService

/// A connection's console URL and blueprint scope (issue 19) as a request body gives them:
/// `console_url` (a string; `null` or `""` goes back to the one derived from the API URL) and
/// `blueprints` (a list of blueprint ids or one comma-separated string; `[]`, `""` or `null`
/// syncs every blueprint). A bad value is a 400 naming the field.
struct ConnectionScopeInput {
  static let keys: Set<String> = ["console_url", "blueprints"]

  var apply: @Sendable (inout ConnectionSettings) -> Void = { _ in }

  /// Reads whichever of the keys the body has, when `keys` allows them (absent: unchanged).
  static func read(_ input: RequestInput, keys: Set<String>) -> ConnectionScopeInput {
    var consoleURL: String??
    if keys.contains("console_url"), let value = input.values["console_url"] {
      switch value {
      case .null: consoleURL = .some(nil)
      case .string(let text) where text.unicodeScalars.count <= 300:
        do { consoleURL = .some(try ConnectionSettings.normalisedConsoleURL(text)) } catch let error as StoreError {
          if case .invalid(_, let message) = error { input.add("console_url", message) }
        } catch {
          input.add("console_url", "\(error)")
        }
      default: input.add("console_url", "Expected a URL of at most 300 characters, or null.")
      }
    }
    var blueprintIDs: [String]?
    if keys.contains("blueprints"), let value = input.values["blueprints"] {
      var ids: [String]?
      switch value {
      case .null: ids = []
      case .string(let text): ids = ConnectionSettings.blueprintIDs(from: text)
      case .array(let list):
        let texts = list.compactMap(\.text)
        ids = texts.count == list.count ? texts.map { $0.trimmingCharacters(in: .whitespaces) } : nil
      default: ids = nil
      }
      if let ids, let problem = ConnectionSettings.blueprintIDsProblem(ids) {
        input.add("blueprints", problem)
      } else if let ids {
        blueprintIDs = ids
      } else {
        input.add("blueprints", "Expected a list of blueprint ids (strings) or a comma-separated string.")
      }
    }
    var result = ConnectionScopeInput()
    let (consoleURLChange, blueprintChange) = (consoleURL, blueprintIDs)
    result.apply = { settings in
      if let consoleURLChange { settings.consoleURL = consoleURLChange }
      if let blueprintChange { settings.blueprintIDs = blueprintChange }
    }
    return result
  }
}
