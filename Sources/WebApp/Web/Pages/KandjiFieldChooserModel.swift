import AssetCore
import AssetStore

/// The connection page's field chooser (issue 19): every Kandji attribute with a checkbox and an
/// order box, the shown ones first in their order. A plain form: it works without JavaScript.
struct KandjiFieldChooserModel {
  struct Row {
    var key, label, type, source, platforms: String
    var checked: Bool
    /// The order box's text: 1, 2, … for shown fields, empty for the others (or as typed).
    var order: String
    var details: Bool
  }

  var rows: [Row]
  var error: String?
  var costNote: String
  /// The selected keys, comma-separated: the preview's starting point.
  var selectedKeys: String

  init(_ settings: ConnectionSettings, devices: Int?) {
    let choices = settings.fieldChoices
    let ordered =
      choices.filter(\.isSelected).sorted { ($0.position ?? 0) < ($1.position ?? 0) }
      + choices.filter { !$0.isSelected }
    rows = ordered.map { choice in
      Row(
        key: choice.attribute.key, label: choice.attribute.label, type: Self.typeText(choice.attribute.type),
        source: choice.attribute.source.isDetails ? "Details call (one per device)" : "Device list (free)",
        platforms: choice.platformNames.count == Platform.allCases.count
          ? "All" : choice.platformNames.joined(separator: ", "),
        checked: choice.isSelected, order: choice.position.map { String($0 + 1) } ?? "",
        details: choice.attribute.source.isDetails)
    }
    selectedKeys = settings.selectedFieldKeys.joined(separator: ",")
    let fleet = devices.map { "\($0) devices" } ?? "every device"
    costNote =
      "List attributes cost no extra call. Ticking the first details attribute beyond Supervised and UDID "
      + "backfills details for \(fleet): one call per device, paced within the hourly budget."
  }

  /// The chooser as the admin left it (a refused save comes back as typed).
  mutating func keep(form: WebForm, error: String) {
    self.error = error
    for index in rows.indices {
      rows[index].checked = form.values["field:\(rows[index].key)"] != nil
      rows[index].order = form.values["order:\(rows[index].key)"] ?? ""
    }
  }

  /// The selection a submitted chooser asks for: the ticked keys by their order box (an empty
  /// box after the numbered ones), ties in catalogue order; or why it cannot be saved.
  static func selection(from form: WebForm) -> Result<[String], ChooserProblem> {
    var ticked: [(key: String, order: Int, index: Int)] = []
    for (index, attribute) in KandjiAttributeCatalogue.attributes.enumerated()
    where form.values["field:\(attribute.key)"] != nil {
      // An empty order box sorts last.
      let order = form["order:\(attribute.key)"].map { Int($0) } ?? Int.max
      guard let order, order > 0 else {
        return .failure(ChooserProblem("Enter a whole number from 1 as the order of “\(attribute.label)”."))
      }
      ticked.append((attribute.key, order, index))
    }
    guard !ticked.isEmpty else { return .failure(ChooserProblem("Tick at least one field.")) }
    return .success(ticked.sorted { ($0.order, $0.index) < ($1.order, $1.index) }.map(\.key))
  }

  struct ChooserProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
  }

  static func typeText(_ type: KandjiAttribute.ValueType) -> String {
    switch type {
    case .text: "Text"
    case .number: "Number"
    case .date: "Date"
    case .dateTime: "Date and time"
    case .boolean: "Yes/No"
    case .tags: "Tags"
    }
  }
}
