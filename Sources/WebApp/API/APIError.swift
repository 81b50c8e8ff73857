import AssetCore
import AssetStore
import AssetSyncApplication
import Foundation
import HTTPTypes
import Hummingbird
import KandjiAPI
import SyncService

/// An error answer in HappyFox's shape: `{"error": "message"}`, or for validation
/// `{"error": {"field": ["message"]}}` with status 400. What went wrong is kept as values (a
/// message, or messages by field); the JSON body is made from them when the API answers, and the
/// web error page tells the same values.
public struct APIError: Error, HTTPResponseError, Sendable {
  /// What went wrong: one message, or the problems of a request by field with the HappyFox shape
  /// its endpoint answers them in.
  enum Problem: Sendable {
    case message(String)
    case fields(FieldErrors, FieldErrors.Style)
  }

  public var status: HTTPResponse.Status
  var problem: Problem
  /// Members of the body after `error` (a 409's `running_sync_run_id`).
  var extraMembers: [(String, JSONValue)] = []
  public var headers: [(String, String)] = []

  public init(_ status: HTTPResponse.Status, _ message: String) {
    self.status = status
    problem = .message(message)
  }

  /// The message of a `{"error": "message"}` answer (nil for field-keyed validation errors), for
  /// pages that tell the same thing in a flash.
  public var message: String? {
    guard case .message(let text) = problem else { return nil }
    return text
  }

  /// Every message of a validation error, by field (`field.key` for an entry of an object
  /// field), in field order; empty for an error with one message.
  public var fieldMessages: [(field: String, messages: [String])] {
    guard case .fields(let errors, _) = problem else { return [] }
    return errors.flattened.map { (field: $0.0, messages: $0.1) }
  }

  /// The answer's JSON body.
  public var body: JSONValue { .object([("error", errorMember)] + extraMembers) }

  /// 400 with the problems of a request, in an endpoint's HappyFox shape.
  init(errors: FieldErrors, style: FieldErrors.Style) {
    status = .badRequest
    problem = .fields(errors, style)
  }

  /// 400 with messages per field.
  public init(fields: [String: [String]]) {
    var errors = FieldErrors()
    for (field, messages) in fields.sorted(by: { $0.key < $1.key }) {
      for message in messages { errors.add(field, message) }
    }
    self.init(errors: errors, style: .lists)
  }

  public static let unauthorized: APIError = {
    var error = unauthorizedWithoutChallenge
    error.headers = [("WWW-Authenticate", "Basic realm=\"AssetSync\"")]
    return error
  }()

  /// The 401 for browsers: no Basic challenge, so no password dialog and no remembered credentials.
  public static let unauthorizedWithoutChallenge = APIError(
    .unauthorized, "Authentication required: HTTP Basic with your API key as user and auth code as password.")

  public static func forbidden(_ message: String) -> APIError { APIError(.forbidden, message) }
  public static func notFound(_ what: String) -> APIError { APIError(.notFound, "\(what) was not found.") }
  /// 429 with `Retry-After` (at least one second).
  static func tooManyRequests(_ message: String, retryAfter seconds: Int) -> APIError {
    var error = APIError(.tooManyRequests, message)
    error.headers = [("Retry-After", String(max(1, seconds)))]
    return error
  }

  public static func field(_ name: String, _ message: String) -> APIError { APIError(fields: [name: [message]]) }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    var fields = HTTPFields()
    fields[.contentType] = "application/json; charset=utf-8"
    for (name, value) in headers { if let key = HTTPField.Name(name) { fields[key] = value } }
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body.serialized())))
  }

  /// Maps the errors of the layers below to answers; anything unknown is a 500 whose details
  /// stay in the log.
  public static func from(_ error: any Error) -> APIError? {
    switch error {
    case let error as APIError: return error
    case let error as StoreError:
      switch error {
      case .notFound(let what): return .notFound(what)
      case .duplicateDisplayID(let id):
        return .field(
          "display_id", id.isEmpty ? "This display ID is already used by another asset." : error.description)
      case .duplicateEmail: return .field("email", error.description)
      case .duplicateName: return .field("name", error.description)
      case .invalid(let field, let message): return .field(field, message)
      case .readOnly(let violation): return .forbidden(violation.message)
      case .syncAlreadyRunning(let runID, _):
        var conflict = APIError(.conflict, error.description)
        conflict.extraMembers = [("running_sync_run_id", .int(Int(runID)))]
        return conflict
      case .syncRunTakenOver: return APIError(.conflict, error.description)
      case .database: return nil
      }
    case let error as TicketThreadFull:
      // The ticket cannot take more: 413, as for any request too large to keep.
      return APIError(.contentTooLarge, error.description)
    case let error as AssetRefreshRefusal:
      switch error {
      case .notFound: return APIError(.notFound, error.description)
      case .notSynced: return APIError(.conflict, error.description)
      case .tooSoon, .allowanceSpent: return .tooManyRequests(error.description, retryAfter: error.retryAfter ?? 60)
      }
    case let error as BudgetSpent:
      // A request someone waits on does not wait for the hour's budget: try again later.
      return .tooManyRequests(
        "\(error.description): try again after \(DisplayDate.text(error.until)).",
        retryAfter: Int(error.until.timeIntervalSinceNow.rounded(.up)))
    case let error as KandjiError:
      if case .rateLimited(let retryAfter) = error {
        // Kandji's own limit, spent by every integration of the tenant: try again when it says.
        return .tooManyRequests(
          "Kandji is rate limiting this tenant: \(error.description)", retryAfter: retryAfter ?? 60)
      }
      // Kandji failing (down, token revoked, paging broken) is not the caller's fault nor ours.
      return APIError(.badGateway, "Kandji could not be reached: \(error.description)")
    case is PasswordWork.Busy:
      // bcrypt's pool is full (a sign-in flood): a password change waits its turn, never a 500.
      var busy = APIError(.serviceUnavailable, "The server is busy checking passwords; try again in a few seconds.")
      busy.headers = [("Retry-After", String(PasswordWork.Busy.retryAfter))]
      return busy
    case let error as SyncRefusal:
      if case .noSuchConnection = error { return APIError(.notFound, error.description) }
      if case .shuttingDown = error { return APIError(.serviceUnavailable, error.description) }
      return APIError(.conflict, error.description)
    default: return nil
    }
  }
}
