import AssetCore
import Hummingbird

extension Response {
  /// A JSON answer from an ordered `JSONValue`.
  static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: value.serialized())))
  }
}
