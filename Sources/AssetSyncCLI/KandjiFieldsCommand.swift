import ArgumentParser
import AssetCore
import AssetStore
import Foundation

extension KandjiCommand {
  /// `assetsync kandji fields --name N [--json]` (issue 19): the catalogue of Kandji attributes
  /// with what the connection shows, in order; `kandji set --fields` changes it.
  struct Fields: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fields",
      abstract: "List the Kandji attributes a connection can show, with those it shows in order.")

    @OptionGroup var target: ConnectionTarget

    @Flag(help: "Print a JSON object.")
    var json = false

    func run() async throws {
      try await target.perform { context, connection in
        let settings = connection.settings
        let choices = settings.fieldChoices
        let backfill = try await context.connections.detailsBackfillProgress(connectionID: connection.id)
        if json {
          return CLIJSON.encode(
            FieldsListing(
              tenant: connection.name, selected: settings.selectedFieldKeys, fields: choices.map(FieldLine.init),
              detailsBackfill: DetailsBackfillLine(backfill), detailsMaxAgeDays: settings.detailsMaxAgeDays))
        }
        // Shown fields first, in their order, then the rest in catalogue order.
        let ordered =
          choices.filter(\.isSelected).sorted { ($0.position ?? 0) < ($1.position ?? 0) }
          + choices.filter { !$0.isSelected }
        var lines = [
          "Fields of \"\(connection.name)\": \(settings.selectedFieldKeys.count) of \(choices.count) shown "
            + "(position, key, label, type, source, platforms). Change with `assetsync kandji set --name "
            + "\"\(connection.name)\" --fields key,key,…`."
        ]
        for choice in ordered {
          let a = choice.attribute
          let source = choice.detailsSection.map { "details (\($0))" } ?? "list"
          lines.append(
            "\(choice.position.map { String($0 + 1) } ?? "-")\t\(a.key)\t\(a.label)\t\(a.type.rawValue)\t\(source)\t"
              + choice.platformNames.joined(separator: ", "))
        }
        if !settings.selectedDetailsExtras.isEmpty {
          lines.append("Details attributes shown: one details call per device to backfill, then the rotation.")
        }
        if backfill.pending > 0 { lines.append(DetailsBackfillLine.text(backfill, name: connection.name)) }
        return lines.joined(separator: "\n")
      }
    }
  }

  /// `--fields key,key,…` of `kandji set`: a connection's shown attributes, in order.
  struct FieldSelection: ParsableArguments {
    @Option(help: "The Kandji attributes to show, in order, comma-separated (see `kandji fields`).")
    var fields: String?

    /// The keys given, trimmed; `nil` when the flag is absent.
    var keys: [String]? {
      fields.map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      }
    }

    func validate() throws {
      if let keys, let problem = KandjiAttributeCatalogue.selectionProblem(keys.filter { !$0.isEmpty }) {
        throw ValidationError("--fields: \(problem)")
      }
      if let keys, keys.contains(where: \.isEmpty) {
        throw ValidationError("--fields: an empty key; separate keys with single commas.")
      }
    }
  }
}

/// `kandji fields --json`.
struct FieldsListing: Encodable {
  let tenant: String
  let selected: [String]
  let fields: [FieldLine]
  /// Devices still waiting for a details call, of the active ones (issue 19's backfill).
  let detailsBackfill: DetailsBackfillLine
  /// The details rotation's D (absent: off).
  let detailsMaxAgeDays: Int?
}

/// One attribute in `kandji fields --json`.
struct FieldLine: Encodable {
  let key: String
  let label: String
  let type: String
  let source: String
  let detailsSection: String?
  let platforms: [String]
  let selected: Bool
  let position: Int?

  init(_ choice: KandjiFieldChoice) {
    key = choice.attribute.key
    label = choice.attribute.label
    type = choice.attribute.type.rawValue
    source = choice.sourceName
    detailsSection = choice.detailsSection
    platforms = choice.platformNames
    selected = choice.isSelected
    position = choice.position
  }
}
