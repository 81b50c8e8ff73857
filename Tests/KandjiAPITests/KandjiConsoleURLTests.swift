import Testing

@testable import KandjiAPI

/// Issue 19: the console a connection's links open, derived from its API host or set by hand
/// (a tenant whose console moved to Iru).
@Suite("The Kandji console URL")
struct KandjiConsoleURLTests {
  @Test(
    "derived from the API host",
    arguments: [
      ("acme.api.kandji.io", "https://acme.kandji.io"),
      ("acme.api.eu.kandji.io", "https://acme.eu.kandji.io"),
      ("acme.api.iru.com", "https://acme.iru.com"),
      ("acme.api.eu.iru.com", "https://acme.eu.iru.com"),
      // Any other endpoint (the simulator, a proxy) keeps its own origin, as before.
      ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
      ("https://proxy.example.com/kandji/api/v1", "https://proxy.example.com/kandji"),
    ])
  func derived(api: String, console: String) throws {
    let url = try KandjiBaseURL(api)
    #expect(KandjiConsoleURL.derived(from: url).base == console)
    // The links of earlier releases are unchanged.
    #expect(KandjiConsoleURL.derived(from: url).deviceURL("d-1") == url.consoleURL(deviceID: "d-1"))
  }

  @Test(
    "a console URL set by hand is normalised",
    arguments: [
      ("https://acme.iru.com", "https://acme.iru.com"),
      ("ACME.iru.com/", "https://acme.iru.com"),
      ("  HTTPS://Acme.IRU.com//  ", "https://acme.iru.com"),
      ("https://console.example.com/kandji/", "https://console.example.com/kandji"),
    ])
  func normalised(input: String, base: String) throws {
    #expect(try KandjiConsoleURL(input).base == base)
  }

  @Test(
    "anything but https, a host and a path is refused with a clear message",
    arguments: [
      ("", "Enter the console URL"),
      ("http://acme.iru.com", "not an https:// URL"),
      ("ftp://acme.iru.com", "not an https:// URL"),
      ("https://acme.iru.com:8443", "names a port"),
      ("https://admin:pw@acme.iru.com", "user name or password"),
      ("https://acme.iru.com/?next=x", "query or fragment"),
      ("https://acme.iru.com/#devices", "query or fragment"),
      ("https://acme.api.iru.com", "is the API host"),
      ("acme.api.kandji.io", "https://acme.kandji.io"),
      ("https://127.0.0.1", "valid host name"),
      ("https://localhost", "valid host name"),
      ("https://acme%2Eiru.com", "valid host name"),
      ("https://acme.iru.com/../admin", "characters a console path cannot have"),
      ("https://acme.iru.com/a%2Fb", "characters a console path cannot have"),
      ("https://acme iru.com", "is not a URL"),
    ])
  func refused(input: String, message: String) {
    do {
      let url = try KandjiConsoleURL(input)
      Issue.record("accepted \(input) as \(url)")
    } catch {
      #expect(error.description.contains(message), "\(error.description)")
    }
  }

  @Test func theSetURLWinsAndAnUnusableOneFallsBackToTheDerivedOne() throws {
    let api = "acme.api.kandji.io"
    #expect(KandjiConsoleURL.resolve(explicit: "https://acme.iru.com", apiURL: api)?.base == "https://acme.iru.com")
    #expect(KandjiConsoleURL.resolve(explicit: nil, apiURL: api)?.base == "https://acme.kandji.io")
    #expect(KandjiConsoleURL.resolve(explicit: "http://bad", apiURL: api)?.base == "https://acme.kandji.io")
    #expect(KandjiConsoleURL.resolve(explicit: nil, apiURL: nil) == nil)
    #expect(try KandjiConsoleURL("https://acme.iru.com").deviceURL("a b/c") == "https://acme.iru.com/devices/a%20b%2Fc")
  }
}
