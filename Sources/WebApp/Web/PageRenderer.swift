import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders pages: every template is compiled once at start from the strings in `Templates`
/// (embedded in the binary, so a deployment is one file), and each page is a model rendered into
/// the shared layout.
public struct PageRenderer: Sendable {
  let library: MustacheLibrary

  public init() {
    var library = MustacheLibrary()
    for (name, text) in Templates.all {
      do {
        try library.register(text, named: name)
      } catch {
        // Templates are part of the program; a broken one is a programming error caught by tests.
        preconditionFailure("template \(name) does not parse: \(error)")
      }
    }
    self.library = library
  }

  /// An HTML answer for `template` with `model`.
  func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
    let html = library.render(model, withTemplate: template) ?? "<!doctype html><title>Error</title><p>Page missing</p>"
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    headers[.cacheControl] = "no-store"
    // Same-origin only; no inline script (scripts come from /static), no framing.
    headers[HTTPField.Name("Content-Security-Policy")!] =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"
    headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
    headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
  }
}
