import AssetCore

/// What one text field takes: at most `maxLength` characters (Unicode scalars, counted as sent),
/// and either one line or several.
///
/// The one set of text rules of AssetSync: `BodyReader` applies them to API bodies and, through
/// `FormInput`, to every web form, so a field is refused for the same reasons, with the same
/// message, whichever way it arrives.
struct TextRule: Sendable, Equatable {
  /// At most this many Unicode scalars (`String.exceeds(characters:)`).
  let maxLength: Int
  /// Tab, LF and CR are fine (messages, descriptions). Other control characters (NUL, ESC) never
  /// are; one-line text also refuses line and paragraph separators and bidi controls
  /// (`String.isOneLine`).
  let multiline: Bool

  init(maxLength: Int, multiline: Bool = false) {
    self.maxLength = maxLength
    self.multiline = multiline
  }

  /// The message for text over the limit.
  var tooLongMessage: String { "Ensure this field has no more than \(maxLength) characters." }
  static let notOneLine =
    "Use one line without control characters (line separators and text-direction controls included)."
  static let controlCharacters = "Remove control characters."

  /// Whether `text` is too long for the rule (checked before trimming: the limit counts what was sent).
  func isTooLong(_ text: String) -> Bool { text.exceeds(characters: maxLength) }

  /// The problem with the characters of `text`, or nil.
  func characterProblem(_ text: String) -> String? {
    if multiline {
      return text.hasControlCharacters(allowingLineBreaks: true) ? Self.controlCharacters : nil
    }
    return text.isOneLine ? nil : Self.notOneLine
  }
}

/// The rules of the text fields the API and the web forms share, by what the field holds. The
/// OpenAPI document states the same limits (`maxLength`).
enum TextRules {
  /// A ticket's subject.
  static let ticketSubject = TextRule(maxLength: 500)
  /// A ticket message (reply, private note, first message, move note), as text or HTML.
  static let ticketMessage = TextRule(maxLength: 100_000, multiline: true)
  /// One tag of a ticket.
  static let tag = TextRule(maxLength: 100)
  /// At most this many tags in one request.
  static let maxTags = 100
  /// A contact's or agent's name.
  static let personName = TextRule(maxLength: 200)
  static let email = TextRule(maxLength: 254)
  static let phone = TextRule(maxLength: 50)
  /// A manual asset's name and display ID.
  static let assetName = TextRule(maxLength: Asset.maxNameLength)
  static let displayID = TextRule(maxLength: 100)
  /// The name of an asset type, custom field, choice or contact group.
  static let name = TextRule(maxLength: 100)
  /// An asset type's or contact group's description.
  static let description = TextRule(maxLength: 1_000, multiline: true)
  /// A contact group's tagged domains.
  static let taggedDomains = TextRule(maxLength: 1_000)
  /// The value of a text and of a text-area custom field.
  static let textField = TextRule(maxLength: 2_000)
  static let textAreaField = TextRule(maxLength: 10_000, multiline: true)
}
