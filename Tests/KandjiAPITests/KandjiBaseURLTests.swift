import Testing

@testable import KandjiAPI

@Suite("The tenant's API URL as admins paste it (R2)")
struct KandjiBaseURLTests {
  @Test(
    "Kandji hosts normalise to https without a trailing slash",
    arguments: [
      ("accuhive.api.kandji.io", "https://accuhive.api.kandji.io"),
      ("https://accuhive.api.kandji.io/", "https://accuhive.api.kandji.io"),
      ("  ACCUHIVE.api.kandji.io/api/v1/  ", "https://accuhive.api.kandji.io"),
      ("http://accuhive.api.kandji.io", "https://accuhive.api.kandji.io"),
      ("acme.api.eu.kandji.io", "https://acme.api.eu.kandji.io"),
      ("acme.api.iru.com/api", "https://acme.api.iru.com"),
      ("acme.api.eu.iru.com", "https://acme.api.eu.iru.com"),
    ])
  func kandjiHosts(input: String, origin: String) throws {
    let url = try KandjiBaseURL(input)
    #expect(url.origin == origin)
    #expect(url.isKandjiHost)
  }

  @Test func customEndpointIsUsedAsGiven() throws {
    let url = try KandjiBaseURL("http://127.0.0.1:8123/")
    #expect(url.origin == "http://127.0.0.1:8123")
    #expect(!url.isKandjiHost)
    #expect(url.url(path: "/api/v1/devices") == "http://127.0.0.1:8123/api/v1/devices")
    #expect(url.consoleURL(deviceID: "abc") == "http://127.0.0.1:8123/devices/abc")
    let proxied = try KandjiBaseURL("https://proxy.example.com/kandji/api/v1")
    #expect(proxied.origin == "https://proxy.example.com/kandji")
  }

  @Test(
    "the console URL drops .api. from the host",
    arguments: [
      ("accuhive.api.kandji.io", "https://accuhive.kandji.io/devices/d1"),
      ("acme.api.eu.kandji.io", "https://acme.eu.kandji.io/devices/d1"),
      ("acme.api.iru.com", "https://acme.iru.com/devices/d1"),
    ])
  func consoleURL(input: String, expected: String) throws {
    #expect(try KandjiBaseURL(input).consoleURL(deviceID: "d1") == expected)
  }

  @Test(
    "unusable text is a clear error",
    arguments: [
      ("", "Enter your Kandji API URL"),
      ("not a url", "is not a URL"),
      ("accuhive.kandji.io", "web console"),
      ("example.com", "must start with http:// or https://"),
      ("ftp://acme.api.kandji.io", "is not a URL"),
      ("a.b.api.kandji.io", "expected SUBDOMAIN.api.kandji.io"),
      (".api.kandji.io", "is not a Kandji API URL"),
    ])
  func rejects(input: String, message: String) {
    do {
      _ = try KandjiBaseURL(input)
      Issue.record("accepted \(input)")
    } catch {
      #expect(error.description.contains(message), "\(error.description)")
    }
  }
}
