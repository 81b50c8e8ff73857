import Hummingbird

/// A destructive action asks first, without JavaScript: its button posts the form without
/// `confirmed`, and the server answers with a page saying what will happen, holding the same form
/// with `confirmed=1` ("Yes, …") and a Cancel link back. Only a post that carries `confirmed=1`
/// acts, so a stray click, a script without the field, or a browser without JavaScript cannot
/// revoke, disable, remove or delete by accident.
struct Confirmation {
  var heading: String
  var message: String
  /// Where the confirmed form posts (the action's own path).
  var action: String
  var button: String
  var cancelURL: String

  /// Whether `form` still needs the question asked.
  static func needed(_ form: WebForm) -> Bool { form.values["confirmed"] != "1" }

  struct Model {
    var chrome: PageChrome
    var heading, message, action, button, cancelURL: String
  }

  /// The question's page (200), in the section `section`.
  func page<Access>(
    _ renderer: PageRenderer, _ request: Request, _ context: SignedInContext<Access>, section: String
  ) throws -> Response {
    let (chrome, clear) = try PageChrome.forPage(context, request, title: heading, section: section)
    return renderer.page(
      "confirm",
      Model(
        chrome: chrome, heading: heading, message: message, action: action, button: button, cancelURL: cancelURL)
    ).with(cookies: [clear])
  }
}
